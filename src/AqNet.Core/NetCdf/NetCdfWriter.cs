namespace AqNet.Core.NetCdf;

/// <summary>Streams a plain CF-1.8 grid (time, lat, lon and float32 data variables) to a NetCDF 64-bit-offset (CDF-2)
/// file one [lat, lon] time slice at a time, so grids larger than memory can be written. The file appears at its path
/// only on <see cref="Complete"/> (written to a temp file beside it, then renamed); disposing without Complete, or a
/// failure, deletes the temp file. Slices never written are filled with <see cref="GridVariable.FillValue"/>. Not
/// thread-safe. For richer layouts (bounds, crs, flags) build a <see cref="DatasetSchema"/> and use
/// <see cref="DatasetWriter"/>.</summary>
public sealed class NetCdfWriter : IDisposable
{
    private readonly NcFileWriter _w;
    private readonly int _times;
    private readonly long _slab;

    private NetCdfWriter(NcFileWriter w, int times, long slab) => (_w, _times, _slab) = (w, times, slab);

    public NcHeader Header => _w.Header;

    /// <summary>Creates the file layout and writes the header and the coordinates. lats and lons are cell centres in
    /// degrees, strictly monotonic; time values strictly increasing.</summary>
    public static NetCdfWriter Create(string path, IReadOnlyList<double> lats, IReadOnlyList<double> lons, NcTimeAxis time,
        IReadOnlyList<GridVariable> variables, NetCdfGlobals globals)
    {
        GridAxes.Check("lat", lats, -90, 90);
        GridAxes.Check("lon", lons, -360, 360);
        GridAxes.CheckIncreasing(time.Values, nameof(time));
        var schema = NcGridLayout.Build(lats, lons, time, variables, globals);
        return new NetCdfWriter(NcFileWriter.Create(path, schema), time.Values.Count, (long)lats.Count * lons.Count);
    }

    public static NetCdfWriter Create(string path, IReadOnlyList<double> lats, IReadOnlyList<double> lons,
        IReadOnlyList<DateTime> timesUtc, IReadOnlyList<GridVariable> variables, NetCdfGlobals globals) =>
        Create(path, lats, lons, NcTimeAxis.FromUtc(timesUtc), variables, globals);

    /// <summary>Writes time slice t of a [time, lat, lon] variable; latLon is row-major [lat, lon], NaN = missing.</summary>
    public void WriteTimeSlice(int t, string variable, ReadOnlySpan<float> latLon)
    {
        Check(variable, perTime: true, latLon.Length);
        if ((uint)t >= (uint)_times) throw new ArgumentOutOfRangeException(nameof(t), $"time index {t} outside 0..{_times - 1}");
        _w.Write(variable, t * _slab, latLon);
    }

    /// <summary>Writes a static [lat, lon] variable such as distance_to_nearest_station.</summary>
    public void WriteStatic(string variable, ReadOnlySpan<float> latLon)
    {
        Check(variable, perTime: false, latLon.Length);
        _w.Write(variable, 0, latLon);
    }

    /// <summary>Fills what was never written, flushes and moves the file into place.</summary>
    public void Complete() => _w.Complete();

    public void Dispose() => _w.Dispose();

    private void Check(string name, bool perTime, int length)
    {
        var data = _w.Schema.Variables.Skip(3).FirstOrDefault(v => v.Name == name)
            ?? throw new ArgumentException($"no data variable '{name}' (have: {string.Join(", ", _w.Schema.Variables.Skip(3).Select(v => v.Name))})", nameof(name));
        if ((data.Dims.Count == 3) != perTime)
            throw new ArgumentException(perTime ? $"{name} is static: use WriteStatic" : $"{name} has a time dimension: use WriteTimeSlice", nameof(name));
        if (length != _slab) throw new ArgumentException($"{name}: expected {_slab} values [lat, lon], got {length}");
    }
}

/// <summary>Checks of coordinate axes before a file is laid out.</summary>
internal static class GridAxes
{
    public static void Check(string name, IReadOnlyList<double> xs, double min, double max)
    {
        if (xs.Count == 0) throw new ArgumentException($"{name}: no values", name);
        var sign = xs.Count > 1 ? Math.Sign(xs[1] - xs[0]) : 1;
        for (var i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i]) || xs[i] < min || xs[i] > max) throw new ArgumentException($"{name}[{i}] = {Data.Fmt.D(xs[i])} is not a valid coordinate", name);
            if (i > 0 && (sign == 0 || Math.Sign(xs[i] - xs[i - 1]) != sign)) throw new ArgumentException($"{name} must be strictly monotonic (index {i})", name);
        }
    }

    public static void CheckIncreasing(IReadOnlyList<double> values, string name)
    {
        for (var i = 1; i < values.Count; i++)
            if (!(values[i] > values[i - 1])) throw new ArgumentException($"time values must increase (index {i})", name);
    }
}
