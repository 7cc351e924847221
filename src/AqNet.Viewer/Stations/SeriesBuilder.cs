using System.Globalization;
using System.Text;
using AqNet.Viewer.Grid;

namespace AqNet.Viewer.Stations;

/// <summary>A station's or cell's series over the grid's period: observed (NaN where none), the reanalysis in its cell,
/// and the band around it, with what the band is.</summary>
public sealed record Series(string Label, int Cell, IReadOnlyList<DateTime> Times, float[] Observed, float[] Reanalysis,
    float[]? Lower, float[]? Upper, string? Band)
{
    /// <summary>The station's gap-filled record from the store (`aqnet fill`): value and its 90% interval.</summary>
    public (float[] Value, float[] Lower, float[] Upper)? Filled { get; init; }
}

/// <summary>Builds series from the grid and the station layer, and writes them as CSV.</summary>
public static class SeriesBuilder
{
    public static Series ForStation(IGridSource grid, StationLayer layer, int station)
    {
        var m = layer.Stations[station];
        return Build(grid, m.Cell, $"station {m.Id} {m.Name}".TrimEnd(), layer.ObservedSeries(station)) with { Filled = layer.FilledSeries(station) };
    }

    public static Series ForCell(IGridSource grid, StationLayer layer, int i, int j)
    {
        var cell = j * grid.Info.NLon + i;
        var g = grid.Info;
        var label = string.Create(CultureInfo.InvariantCulture, $"cell {i},{j} ({g.Lon0 + (i + 0.5) * g.Resolution:0.###}°E, {g.Lat0 + (j + 0.5) * g.Resolution:0.###}°N)");
        var k = Enumerable.Range(0, layer.Stations.Count).FirstOrDefault(s => layer.Stations[s].Cell == cell, -1);
        var observed = k >= 0 ? layer.ObservedSeries(k) : Enumerable.Repeat(float.NaN, g.Steps).ToArray();
        return Build(grid, cell, k >= 0 ? $"{label}, station {layer.Stations[k].Id}" : label, observed);
    }

    private static Series Build(IGridSource grid, int cell, string label, float[] observed)
    {
        var g = grid.Info;
        var value = grid.Series(FieldLayer.Pm25, cell);
        if (g.Layers.Contains(FieldLayer.Upper))
        {
            var pct = g.IntervalCoverage is double c ? string.Create(CultureInfo.InvariantCulture, $"{100 * c:0.#}% ") : "";
            return new Series(label, cell, g.Times, observed, value, grid.Series(FieldLayer.Lower, cell), grid.Series(FieldLayer.Upper, cell), $"{pct}prediction interval");
        }
        if (g.Layers.Contains(FieldLayer.Uncertainty))
        {
            var u = grid.Series(FieldLayer.Uncertainty, cell);
            return new Series(label, cell, g.Times, observed, value, [.. value.Select((v, t) => v - u[t])], [.. value.Select((v, t) => v + u[t])],
                "reanalysis ± pm25_uncertainty (spread over k, not a calibrated interval)");
        }
        return new Series(label, cell, g.Times, observed, value, null, null, null);
    }

    /// <summary>time_utc (ISO 8601, the end of the hour or day), observed, reanalysis, lower, upper, and the store's
    /// filled record (filled, filled_lower, filled_upper) for a station; empty where missing.</summary>
    public static string Csv(Series s)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(s.Label.Replace('\n', ' ')).Append('\n');
        if (s.Band is not null) sb.Append("# lower/upper: ").Append(s.Band).Append('\n');
        sb.Append("time_utc,observed,reanalysis,lower,upper,filled,filled_lower,filled_upper\n");
        for (var t = 0; t < s.Times.Count; t++)
        {
            sb.Append(s.Times[t].ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append(',')
              .Append(F(s.Observed[t])).Append(',').Append(F(s.Reanalysis[t])).Append(',')
              .Append(s.Lower is null ? "" : F(s.Lower[t])).Append(',').Append(s.Upper is null ? "" : F(s.Upper[t])).Append(',')
              .Append(s.Filled is { } f ? $"{F(f.Value[t])},{F(f.Lower[t])},{F(f.Upper[t])}" : ",,").Append('\n');
        }
        return sb.ToString();
    }

    private static string F(float x) => float.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture);
}
