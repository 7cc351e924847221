using System.Globalization;
using AqNet.Core.Spatial;
using ScottPlot;

namespace AqNet.Core.Maps;

/// <summary>Options of a field map. Boundaries null means <see cref="Boundaries.Default"/>; set DrawBoundaries false
/// for none. ColorRange fixes the colour scale (e.g. the same range for every hour of an animation); values outside
/// it take the end colours.</summary>
public sealed record MapOptions
{
    public string Quantity { get; init; } = "PM2.5";
    public string Units { get; init; } = "µg/m³";
    public (double Min, double Max)? ColorRange { get; init; }
    public IReadOnlyList<GeoPoint> VisibleStations { get; init; } = [];
    public IReadOnlyList<GeoPoint> HiddenStations { get; init; } = [];
    /// <summary>Observed values at the stations, drawn as the markers' fill in the field's colour scale (NaN or
    /// absent: white, no observation).</summary>
    public IReadOnlyList<double>? VisibleValues { get; init; }
    public IReadOnlyList<double>? HiddenValues { get; init; }
    /// <summary>Row-major [lat, lon] like the field: cells with 1 are greyed (e.g. far from every station).</summary>
    public IReadOnlyList<sbyte>? FarMask { get; init; }
    public string FarLabel { get; init; } = "far from stations";
    public Boundaries? Boundaries { get; init; }
    public bool DrawBoundaries { get; init; } = true;
    /// <summary>Map extent; default the grid's cell edges.</summary>
    public GeoBox? View { get; init; }
    public int MaxDataWidthPx { get; init; } = 800;
}

/// <summary>Renders a gridded field [lat, lon] as a PNG map: viridis colours (perceptually uniform, readable in grey
/// and by colour-blind readers), colour bar with units, masked cells greyed, boundaries, then stations used as circles
/// and held-out stations as triangles with a red outline, each filled with its observed value in the same colours;
/// the legend names every symbol.</summary>
public static class MapRenderer
{
    /// <summary>A title naming the time in UTC, e.g. "PM2.5 reanalysis, 2024-01-01 06:00 UTC".</summary>
    public static string Title(string what, DateTime timeUtc) =>
        what + ", " + timeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <param name="field">Row-major [lat, lon] values, NaN = no estimate (drawn grey).</param>
    /// <param name="lats">Cell-centre latitudes, evenly spaced, ascending or descending.</param>
    /// <param name="lons">Cell-centre longitudes, evenly spaced, ascending or descending.</param>
    public static void Render(string path, IReadOnlyList<float> field, IReadOnlyList<double> lats, IReadOnlyList<double> lons,
        string title, MapOptions? options = null)
    {
        var o = options ?? new MapOptions();
        if (field.Count != lats.Count * lons.Count) throw new ArgumentException($"field has {field.Count} values, grid has {lats.Count} × {lons.Count}", nameof(field));
        var (dLat, dLon) = (Step(lats, nameof(lats)), Step(lons, nameof(lons)));
        var extent = new GeoBox(Math.Min(lons[0], lons[^1]) - dLon / 2, Math.Min(lats[0], lats[^1]) - dLat / 2,
            Math.Max(lons[0], lons[^1]) + dLon / 2, Math.Max(lats[0], lats[^1]) + dLat / 2);
        var map = new MapCanvas(o.View ?? extent, title, o.MaxDataWidthPx);

        // Heatmap row 0 is drawn at the top: put the northernmost latitude first, westernmost longitude first.
        var (nLat, nLon) = (lats.Count, lons.Count);
        var latAsc = lats[^1] > lats[0] || nLat == 1;
        var lonAsc = lons[^1] > lons[0] || nLon == 1;
        var grid = new double[nLat, nLon];
        for (var i = 0; i < nLat; i++)
            for (var j = 0; j < nLon; j++)
                grid[latAsc ? nLat - 1 - i : i, lonAsc ? j : nLon - 1 - j] = field[i * nLon + j];

        var hm = map.Plot.Add.Heatmap(grid);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.Extent = new CoordinateRect(extent.LonMin, extent.LonMax, extent.LatMin, extent.LatMax);
        hm.NaNCellColor = Colors.Transparent;
        var (min, max) = o.ColorRange ?? FiniteRange(field);
        hm.ManualRange = new ScottPlot.Range(min, max);
        var bar = map.Plot.Add.ColorBar(hm);
        bar.Label = $"{o.Quantity} ({o.Units})";
        bar.LabelStyle.FontSize = 13;
        if (o.FarMask is { } far) MapLayers.Mask(map, far, nLat, nLon, latAsc, lonAsc, extent, o.FarLabel);

        if (o.DrawBoundaries) map.DrawBoundaries(o.Boundaries ?? Boundaries.Default());
        var scale = new MapLayers.StationColours(hm.Colormap, min, max);
        MapLayers.Stations(map, o.VisibleStations, o.VisibleValues, MarkerShape.FilledCircle, Colors.Black, 1.2f, $"stations used ({o.VisibleStations.Count})", scale);
        MapLayers.Stations(map, o.HiddenStations, o.HiddenValues, MarkerShape.FilledTriangleUp, Color.FromHex("#E4002B"), 2.2f, $"held-out stations ({o.HiddenStations.Count})", scale);
        if (o.VisibleStations.Count + o.HiddenStations.Count > 0)
            map.Legend.Add(new LegendItem { LabelText = "marker fill: observed value (white: none)", MarkerShape = MarkerShape.None });
        map.Save(path);
    }

    /// <summary>The spacing of an evenly spaced axis (positive), or 1° for a single value.</summary>
    internal static double Step(IReadOnlyList<double> xs, string name)
    {
        if (xs.Count == 0) throw new ArgumentException($"{name}: no values", name);
        if (xs.Count == 1) return 1;
        var step = (xs[^1] - xs[0]) / (xs.Count - 1);
        for (var i = 1; i < xs.Count; i++)
            if (Math.Abs(xs[i] - xs[i - 1] - step) > 1e-6 * Math.Max(1, Math.Abs(step)) || step == 0)
                throw new ArgumentException($"{name} must be evenly spaced (index {i})", name);
        return Math.Abs(step);
    }

    /// <summary>Min and max of the finite values; a constant or empty field gets a unit-wide range so the bar is drawable.</summary>
    internal static (double Min, double Max) FiniteRange(IEnumerable<float> values)
    {
        var finite = values.Where(float.IsFinite).ToList();
        if (finite.Count == 0) return (0, 1);
        double min = finite.Min(), max = finite.Max();
        return max > min ? (min, max) : (min - 0.5, max + 0.5);
    }
}
