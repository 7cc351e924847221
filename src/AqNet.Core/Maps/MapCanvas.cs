using System.Globalization;
using AqNet.Core.Data;
using ScottPlot;

namespace AqNet.Core.Maps;

/// <summary>A ScottPlot figure set up as a map of a lon/lat box: equirectangular with longitude scaled by
/// cos(mid-latitude), so shapes look right at the box's latitude (at 40°N a degree of longitude is 0.77 of a degree
/// of latitude). The data area's pixel size is fixed from that ratio and the padding is fixed, so the ratio holds
/// whatever the labels' widths.</summary>
internal sealed class MapCanvas
{
    // Room for tick labels and axis titles (left, bottom), the title (top), the colour bar and its label (right).
    private const int PadLeft = 80, PadRight = 125, PadBottom = 55, PadTop = 45;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public Plot Plot { get; } = new();

    /// <summary>Legend entries that are not plottables (boundaries, masks, marker keys), shown by <see cref="Save"/>.</summary>
    public List<LegendItem> Legend { get; } = [];
    public GeoBox View { get; }
    public int Width { get; }
    public int Height { get; }

    public MapCanvas(GeoBox view, string title, int maxDataWidthPx, int maxDataHeightPx = 700)
    {
        if (!(view.LonMax > view.LonMin && view.LatMax > view.LatMin)) throw new ArgumentException("empty map view", nameof(view));
        View = view;
        var kx = Math.Cos((view.LatMin + view.LatMax) / 2 * Math.PI / 180);
        var wDeg = (view.LonMax - view.LonMin) * kx; // width in "latitude degrees"
        var hDeg = view.LatMax - view.LatMin;
        var pxPerDeg = Math.Min(maxDataWidthPx / wDeg, maxDataHeightPx / hDeg);
        var dataW = (int)Math.Round(wDeg * pxPerDeg);
        var dataH = (int)Math.Round(hDeg * pxPerDeg);
        Width = dataW + PadLeft + PadRight;
        Height = dataH + PadTop + PadBottom;

        Plot.Layout.Fixed(new PixelPadding(PadLeft, PadRight, PadBottom, PadTop));
        Plot.Axes.SetLimits(view.LonMin, view.LonMax, view.LatMin, view.LatMax);
        Plot.Title(title, 15);
        Plot.XLabel("Longitude", 13);
        Plot.YLabel("Latitude", 13);
        // One tick interval in degrees on both axes, so a degree of latitude and of longitude read alike.
        var (w, h) = (view.LonMax - view.LonMin, view.LatMax - view.LatMin);
        var step = TickStep(Math.Min(w, h), Math.Max(w, h));
        Plot.Axes.Bottom.TickGenerator = Ticks(view.LonMin, view.LonMax, step, "E", "W");
        Plot.Axes.Left.TickGenerator = Ticks(view.LatMin, view.LatMax, step, "N", "S");
        Plot.FigureBackground.Color = Colors.White;
        Plot.DataBackground.Color = Color.FromHex("#E8E8E8"); // grey shows cells with no estimate
        Plot.HideGrid();
    }

    public static string Degrees(double v, string pos, string neg, int decimals = 2) =>
        Math.Abs(v).ToString("0." + new string('#', Math.Max(decimals, 1)), Inv) + "°" + (v < 0 ? neg : v > 0 ? pos : "");

    /// <summary>A round interval (1, 2 or 5 × 10^k degrees) giving about four ticks on the shorter side and at most
    /// ten on the longer one.</summary>
    internal static double TickStep(double shortSpan, double longSpan)
    {
        var step = Nearest(shortSpan / 4);
        return longSpan / step > 10 ? Nearest(longSpan / 10) : step;

        static double Nearest(double raw)
        {
            var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            return new[] { 1, 2, 5, 10 }.Select(m => m * mag).MinBy(c => Math.Abs(Math.Log(c / raw)));
        }
    }

    /// <summary>Ticks at the multiples of step inside [min, max], labelled with as many decimals as the step needs.</summary>
    internal static ScottPlot.TickGenerators.NumericManual Ticks(double min, double max, double step, string pos, string neg)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (v, label) in TickLabels(min, max, step, pos, neg)) ticks.AddMajor(v, label);
        return ticks;
    }

    internal static List<(double Value, string Label)> TickLabels(double min, double max, double step, string pos, string neg)
    {
        var decimals = 0;
        while (decimals < 6 && Math.Abs(step * Math.Pow(10, decimals) - Math.Round(step * Math.Pow(10, decimals))) > 1e-6) decimals++;
        var list = new List<(double, string)>();
        for (var k = Math.Ceiling(min / step - 1e-9); k * step <= max + 1e-9 * step; k++)
        {
            var v = Math.Round(k * step, decimals + 2);
            list.Add((v, Degrees(v, pos, neg, decimals)));
        }
        return list;
    }

    /// <summary>Lines are cased: a light underlay keeps them visible on viridis' dark end, the dark line on its
    /// bright end. Countries and coastlines 1.4 px, provinces 0.9 px and lighter, so they read as second rank.</summary>
    public void DrawBoundaries(Boundaries? boundaries)
    {
        if (boundaries is null) return;
        var lines = boundaries.Within(View).OrderBy(l => l.Kind == BoundaryKind.Country).ToList();
        // A legend entry per kind drawn, in the line's own style.
        foreach (var (kind, label) in new[] { (BoundaryKind.Country, "country border, coastline"), (BoundaryKind.Province, "province / state border") })
            if (lines.Any(l => l.Kind == kind))
                Legend.Add(new LegendItem
                {
                    LabelText = label, LineColor = kind == BoundaryKind.Country ? Color.FromHex("#111111") : Color.FromHex("#2B2B2B"),
                    LineWidth = kind == BoundaryKind.Country ? 1.4f : 0.9f, MarkerShape = MarkerShape.None,
                });
        foreach (var casing in new[] { true, false })
            foreach (var line in lines)
            {
                var s = Plot.Add.ScatterLine(line.Lons.Select(x => (double)x).ToArray(), line.Lats.Select(y => (double)y).ToArray());
                var country = line.Kind == BoundaryKind.Country;
                s.MarkerSize = 0;
                s.LineWidth = (country ? 1.4f : 0.9f) + (casing ? 1.8f : 0);
                s.Color = casing ? Colors.White.WithAlpha(country ? 0.75 : 0.55)
                    : country ? Color.FromHex("#111111") : Color.FromHex("#2B2B2B").WithAlpha(0.85);
            }
    }

    /// <summary>Renders to PNG in memory, then writes atomically.</summary>
    public void Save(string path)
    {
        if (Legend.Count > 0)
        {
            Plot.Legend.ManualItems.AddRange(Legend);
            Plot.ShowLegend(Alignment.UpperRight);
            Plot.Legend.FontSize = 11;
            Plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85); // the field stays visible under the key
        }
        AtomicFile.WriteAllBytes(path, Plot.GetImageBytes(Width, Height, ImageFormat.Png), "map");
    }
}

/// <summary>A fixed colour scale for plottables that are not heat maps (the bubble map's colour bar).</summary>
internal sealed class FixedColorAxis(IColormap colormap, ScottPlot.Range range) : IHasColorAxis
{
    public IColormap Colormap { get; set; } = colormap;

    public ScottPlot.Range GetRange() => range;
}
