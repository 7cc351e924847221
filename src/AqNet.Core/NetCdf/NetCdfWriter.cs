using System.Buffers.Binary;
using AqNet.Core.Data;

namespace AqNet.Core.NetCdf;

/// <summary>Streams a CF-1.8 grid to a NetCDF 64-bit-offset (CDF-2) file one [lat, lon] time slice at a time, so grids
/// larger than memory can be written. The file appears at its path only on <see cref="Complete"/> (written to a temp
/// file beside it, then renamed); disposing without Complete, or a failure, deletes the temp file. Slices never
/// written are filled with <see cref="GridVariable.FillValue"/>. Not thread-safe.</summary>
public sealed class NetCdfWriter : IDisposable
{
    private const int ChunkValues = 16 * 1024; // values converted to big-endian per write call (64 KiB)

    private readonly string _path;
    private readonly string _tmp;
    private readonly NcHeader _h;
    private readonly NcTimeAxis _time;
    private readonly long _recordSize;
    private readonly Dictionary<string, int> _slot = []; // data variable → column in _written
    private readonly bool[,] _written; // [record or 0 for static variables, slot]
    private FileStream? _fs;

    public NcHeader Header => _h;

    private NetCdfWriter(string path, string tmp, FileStream fs, NcHeader h, NcTimeAxis time)
    {
        (_path, _tmp, _fs, _h, _time) = (path, tmp, fs, h, time);
        _recordSize = h.RecordSize;
        foreach (var v in h.Variables.Skip(3)) _slot[v.Name] = _slot.Count;
        _written = new bool[Math.Max(1, time.Values.Count), _slot.Count];
    }

    /// <summary>Creates the file layout and writes the header and the lat/lon coordinates. lats and lons are cell
    /// centres in degrees, strictly monotonic; time values strictly increasing.</summary>
    public static NetCdfWriter Create(string path, IReadOnlyList<double> lats, IReadOnlyList<double> lons, NcTimeAxis time,
        IReadOnlyList<GridVariable> variables, NetCdfGlobals globals)
    {
        CheckAxis("lat", lats, -90, 90);
        CheckAxis("lon", lons, -360, 360);
        for (var i = 1; i < time.Values.Count; i++)
            if (!(time.Values[i] > time.Values[i - 1])) throw new ArgumentException($"time values must increase (index {i})", nameof(time));
        var h = NcGridLayout.Build(lats.Count, lons.Count, time, variables, globals);

        var full = Path.GetFullPath(path);
        var tmp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        FileStream fs;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write NetCDF output {full}: {e.Message}", e);
        }
        var w = new NetCdfWriter(full, tmp, fs, h, time);
        try
        {
            fs.Write(NcHeaderCodec.Write(h));
            w.WriteDoubles(h.Variable("lat").Begin, lats);
            w.WriteDoubles(h.Variable("lon").Begin, lons);
            return w;
        }
        catch { w.Dispose(); throw; }
    }

    public static NetCdfWriter Create(string path, IReadOnlyList<double> lats, IReadOnlyList<double> lons,
        IReadOnlyList<DateTime> timesUtc, IReadOnlyList<GridVariable> variables, NetCdfGlobals globals) =>
        Create(path, lats, lons, NcTimeAxis.FromUtc(timesUtc), variables, globals);

    /// <summary>Writes time slice t of a [time, lat, lon] variable; latLon is row-major [lat, lon], NaN = missing.</summary>
    public void WriteTimeSlice(int t, string variable, ReadOnlySpan<float> latLon)
    {
        var v = DataVariable(variable, perTime: true);
        if ((uint)t >= (uint)_time.Values.Count) throw new ArgumentOutOfRangeException(nameof(t), $"time index {t} outside 0..{_time.Values.Count - 1}");
        WriteSlab(v.Begin + t * _recordSize, latLon, variable);
        _written[t, _slot[variable]] = true;
    }

    /// <summary>Writes a static [lat, lon] variable such as distance_to_nearest_station.</summary>
    public void WriteStatic(string variable, ReadOnlySpan<float> latLon)
    {
        var v = DataVariable(variable, perTime: false);
        WriteSlab(v.Begin, latLon, variable);
        _written[0, _slot[variable]] = true;
    }

    /// <summary>Fills what was never written, writes the time values, flushes and moves the file into place.</summary>
    public void Complete()
    {
        var fs = Open();
        foreach (var v in _h.Variables.Skip(3))
        {
            var records = _h.IsRecordVariable(v) ? _time.Values.Count : 1;
            for (var r = 0; r < records; r++)
                if (!_written[r, _slot[v.Name]]) FillSlab(v.Begin + (_h.IsRecordVariable(v) ? r * _recordSize : 0), _h.ValuesPerSlab(v));
        }
        var time = _h.Variable("time");
        for (var t = 0; t < _time.Values.Count; t++) WriteDoubles(time.Begin + t * _recordSize, [_time.Values[t]]);
        fs.Flush(flushToDisk: true);
        fs.Dispose();
        _fs = null;
        File.Move(_tmp, _path, overwrite: true);
    }

    public void Dispose()
    {
        if (_fs is null) return; // completed, or already disposed
        _fs.Dispose();
        _fs = null;
        try { File.Delete(_tmp); } catch (IOException) { } // best effort: never mask the original failure
    }

    private FileStream Open() => _fs ?? throw new ObjectDisposedException(nameof(NetCdfWriter), "the writer is completed or disposed");

    private NcVariable DataVariable(string name, bool perTime)
    {
        if (!_slot.ContainsKey(name)) throw new ArgumentException($"no data variable '{name}' (have: {string.Join(", ", _slot.Keys)})", nameof(name));
        var v = _h.Variable(name);
        if (_h.IsRecordVariable(v) != perTime)
            throw new ArgumentException(perTime ? $"{name} is static: use WriteStatic" : $"{name} has a time dimension: use WriteTimeSlice", nameof(name));
        return v;
    }

    private void WriteSlab(long offset, ReadOnlySpan<float> values, string name)
    {
        var expected = _h.ValuesPerSlab(_h.Variable(name));
        if (values.Length != expected) throw new ArgumentException($"{name}: expected {expected} values [lat, lon], got {values.Length}");
        var fs = Open();
        fs.Position = offset;
        var buf = new byte[Math.Min(values.Length, ChunkValues) * 4];
        for (var start = 0; start < values.Length; start += ChunkValues)
        {
            var chunk = values.Slice(start, Math.Min(ChunkValues, values.Length - start));
            for (var i = 0; i < chunk.Length; i++)
                BinaryPrimitives.WriteSingleBigEndian(buf.AsSpan(4 * i), float.IsNaN(chunk[i]) ? GridVariable.FillValue : chunk[i]);
            fs.Write(buf, 0, chunk.Length * 4);
        }
    }

    private void FillSlab(long offset, long count)
    {
        var fs = Open();
        fs.Position = offset;
        var buf = new byte[(int)Math.Min(count, ChunkValues) * 4];
        for (var i = 0; i < buf.Length; i += 4) BinaryPrimitives.WriteSingleBigEndian(buf.AsSpan(i), GridVariable.FillValue);
        for (var left = count; left > 0; left -= ChunkValues) fs.Write(buf, 0, (int)Math.Min(left, ChunkValues) * 4);
    }

    private void WriteDoubles(long offset, IReadOnlyList<double> values)
    {
        var fs = Open();
        fs.Position = offset;
        var buf = new byte[values.Count * 8];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteDoubleBigEndian(buf.AsSpan(8 * i), values[i]);
        fs.Write(buf);
    }

    private static void CheckAxis(string name, IReadOnlyList<double> xs, double min, double max)
    {
        if (xs.Count == 0) throw new ArgumentException($"{name}: no values", name);
        var sign = xs.Count > 1 ? Math.Sign(xs[1] - xs[0]) : 1;
        for (var i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || xs[i] < min || xs[i] > max) throw new ArgumentException($"{name}[{i}] = {Fmt.D(xs[i])} is not a valid coordinate", name);
            if (i > 0 && (sign == 0 || Math.Sign(xs[i] - xs[i - 1]) != sign)) throw new ArgumentException($"{name} must be strictly monotonic (index {i})", name);
        }
    }
}
