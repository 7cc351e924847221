using AqNet.Core.Data;

namespace AqNet.Viewer.Grid;

/// <summary>Builds <see cref="GridInfo"/> from the coordinate variables and attributes of a reanalysis file, whatever
/// its format: the caller supplies how to read a small variable, whether one exists, and an attribute.</summary>
internal static class GridInfoReader
{
    public static GridInfo Read(string path, Func<string, double[]> read, Func<string, bool> has, Func<string, string, double?> number,
        Func<string, string, string?> text)
    {
        foreach (var name in new[] { "pm25", "time", "lat", "lon" })
            if (!has(name))
                throw new InputException($"--grid '{path}': no variable '{name}'; expected a gridded reanalysis written by `aqnet reanalyze`");
        var lat = read("lat");
        var lon = read("lon");
        if (lat.Length == 0 || lon.Length == 0) throw new InputException($"--grid '{path}': the grid has no cells");
        var (lon0, res) = GridInfo.Edges(has("lon_bnds") ? read("lon_bnds") : [], lon);
        var (lat0, _) = GridInfo.Edges(has("lat_bnds") ? read("lat_bnds") : [], lat);
        var times = read("time").Select(GridInfo.FromHours).ToArray();
        var bnds = has("time_bnds") ? read("time_bnds") : [];
        var starts = bnds.Length == 2 * times.Length
            ? Enumerable.Range(0, times.Length).Select(k => GridInfo.FromHours(bnds[2 * k])).ToArray()
            : times.Select(t => t.AddHours(-1)).ToArray();
        var layers = Enum.GetValues<FieldLayer>().Where(l => has(GridInfo.VariableOf(l))).ToList();
        if (!layers.Contains(FieldLayer.Lower) || !layers.Contains(FieldLayer.Upper)) layers.RemoveAll(l => l is FieldLayer.Lower or FieldLayer.Upper);
        return new GridInfo
        {
            NLon = lon.Length, NLat = lat.Length, Lon0 = lon0, Lat0 = lat0, Resolution = res, Times = times, Starts = starts,
            Daily = has("local_date"), Units = text("pm25", "units") ?? "ug m-3", Layers = layers,
            HasDistance = has("distance_to_nearest_station"), HasFarMask = has("far_from_stations"),
            FarThresholdKm = has("far_from_stations") ? number("far_from_stations", "threshold_km") : null,
            IntervalCoverage = layers.Contains(FieldLayer.Upper) ? number("pm25_upper", "coverage") : null,
        };
    }
}
