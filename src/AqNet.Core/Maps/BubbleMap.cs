using AqNet.Core.Spatial;
using ScottPlot;

namespace AqNet.Core.Maps;

/// <summary>Options of a per-station error map. ColorRange default: 0 to the largest value.</summary>
public sealed record BubbleMapOptions
{
    public string Quantity { get; init; } = "MAE";
    public string Units { get; init; } = "µg/m³";
    public (double Min, double Max)? ColorRange { get; init; }
    public Boundaries? Boundaries { get; init; }
    public bool DrawBoundaries { get; init; } = true;
    /// <summary>Map extent; default the stations' extent plus a margin.</summary>
    public GeoBox? View { get; init; }
    public int MaxDataWidthPx { get; init; } = 800;
}

/// <summary>Per-station values (e.g. MAE of a held-out evaluation) as circles whose area and colour grow with the value,
/// as in per-station error maps of spatial PM2.5 studies. Larger circles are drawn first so small ones stay visible.
/// Stations with a NaN value are drawn as small grey crosses.</summary>
public static class BubbleMap
{
    private const float MinSizePx = 6, MaxSizePx = 30;

    public static void Render(string path, IReadOnlyList<GeoPoint> stations, IReadOnlyList<double> values, string title,
        BubbleMapOptions? options = null)
    {
        var o = options ?? new BubbleMapOptions();
        if (stations.Count != values.Count) throw new ArgumentException($"{stations.Count} stations but {values.Count} values", nameof(values));
        if (stations.Count == 0 && o.View is null) throw new ArgumentException("no stations and no view", nameof(stations));
        var map = new MapCanvas(o.View ?? Around(stations), title, o.MaxDataWidthPx);
        if (o.DrawBoundaries) map.DrawBoundaries(o.Boundaries ?? Boundaries.Default());

        var finite = values.Where(double.IsFinite).ToList();
        var (min, max) = o.ColorRange ?? (Math.Min(0, finite.DefaultIfEmpty(0).Min()), finite.DefaultIfEmpty(1).Max());
        if (!(max > min)) max = min + 1;
        var cmap = new ScottPlot.Colormaps.Viridis();
        foreach (var k in Enumerable.Range(0, stations.Count).OrderByDescending(k => double.IsFinite(values[k]) ? values[k] : double.MinValue))
        {
            var p = stations[k];
            if (!double.IsFinite(values[k]))
            {
                map.Plot.Add.Marker(p.Lon, p.Lat, MarkerShape.Eks, 7, Colors.Gray);
                continue;
            }
            var f = Math.Clamp((values[k] - min) / (max - min), 0, 1);
            // Area proportional to the value: diameter grows with its square root.
            var m = map.Plot.Add.Marker(p.Lon, p.Lat, MarkerShape.FilledCircle, (float)(MinSizePx + (MaxSizePx - MinSizePx) * Math.Sqrt(f)), cmap.GetColor(f).WithAlpha(0.9));
            m.MarkerStyle.OutlineColor = Colors.Black;
            m.MarkerStyle.OutlineWidth = 0.8f;
        }
        var bar = map.Plot.Add.ColorBar(new FixedColorAxis(cmap, new ScottPlot.Range(min, max)));
        bar.Label = $"{o.Quantity} ({o.Units})";
        bar.LabelStyle.FontSize = 13;
        map.Save(path);
    }

    /// <summary>The stations' extent plus 10 % (at least 0.2°) on each side.</summary>
    internal static GeoBox Around(IReadOnlyList<GeoPoint> s)
    {
        double w = s.Min(p => p.Lon), e = s.Max(p => p.Lon), so = s.Min(p => p.Lat), n = s.Max(p => p.Lat);
        var mx = Math.Max(0.2, (e - w) * 0.1);
        var my = Math.Max(0.2, (n - so) * 0.1);
        return new GeoBox(Math.Max(-180, w - mx), Math.Max(-90, so - my), Math.Min(180, e + mx), Math.Min(90, n + my));
    }
}
