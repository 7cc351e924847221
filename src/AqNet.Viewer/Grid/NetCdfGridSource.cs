using AqNet.Core.Data;
using AqNet.Core.NetCdf;

namespace AqNet.Viewer.Grid;

/// <summary>A reanalysis NetCDF file read through the project's reader: a frame is one record slab, a cell's series
/// 4 bytes per record. One file handle shared by the requests, so reads are serialised.</summary>
internal sealed class NetCdfGridSource : IGridSource
{
    private readonly NetCdfReader _reader;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, float[]?> _static = [];

    private NetCdfGridSource(NetCdfReader reader, GridInfo info) => (_reader, Info) = (reader, info);

    public GridInfo Info { get; }

    public static NetCdfGridSource Open(string path)
    {
        NetCdfReader r;
        try
        {
            r = NetCdfReader.Open(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--grid '{path}': {e.Message}; expected a NetCDF file written by `aqnet reanalyze`", e);
        }
        try
        {
            var h = r.Header;
            bool Has(string n) => h.Variables.Any(v => v.Name == n);
            var info = GridInfoReader.Read(path, n => r.ReadDoubles(n, mask: false), Has,
                (v, a) => h.Variable(v).Attribute(a)?.AsDoubles().FirstOrDefault(),
                (v, a) => h.Variable(v).Attribute(a)?.AsText);
            return new NetCdfGridSource(r, info);
        }
        catch { r.Dispose(); throw; }
    }

    public float[] Frame(FieldLayer layer, int t)
    {
        Info.CheckStep(t);
        lock (_lock) return _reader.ReadTimeSlice(GridInfo.VariableOf(layer), t);
    }

    public float[]? Static(string variable)
    {
        lock (_lock)
        {
            if (_static.TryGetValue(variable, out var cached)) return cached;
            return _static[variable] = _reader.Header.Variables.Any(v => v.Name == variable) ? _reader.ReadFloats(variable) : null;
        }
    }

    public float[] Series(FieldLayer layer, int cell)
    {
        lock (_lock) return _reader.ReadRecordPoints(GridInfo.VariableOf(layer), cell);
    }

    public void Dispose() => _reader.Dispose();
}
