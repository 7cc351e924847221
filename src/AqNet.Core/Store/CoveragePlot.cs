using AqNet.Core.Data;
using ScottPlot;

namespace AqNet.Core.Store;

/// <summary>`aqnet inspect --plot`: one row per station, one column per UTC day, coloured by the fraction of
/// that day's hours with an observation of the variable (dark = missing), so gaps over time stand out.</summary>
public static class CoveragePlot
{
    public static void Save(AqStore store, string path, string variable = Variables.Pm25, string? stationId = null)
    {
        var ids = stationId is null ? null : new[] { stationId };
        var panel = PanelLoader.Load(store, ids, [variable]);
        var days = (panel.Hours + 23) / 24;
        var frac = new double[panel.S, days]; // [station, day], row 0 drawn at the top
        for (var s = 0; s < panel.S; s++)
            for (var d = 0; d < days; d++)
            {
                int seen = 0, n = 0;
                for (var t = d * 24; t < Math.Min(panel.Hours, d * 24 + 24); t++, n++)
                    if (panel.Mask[panel.Index(t, s, 0)]) seen++;
                frac[s, d] = (double)seen / n;
            }
        var plt = new Plot();
        var hm = plt.Add.Heatmap(frac);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.ManualRange = new ScottPlot.Range(0, 1);
        var x0 = panel.StartUtc.ToOADate();
        hm.Rectangle = new CoordinateRect(x0, x0 + days, -0.5, panel.S - 0.5); // edges (Position would be cell centres)
        // ISO dates (yyyy-MM-dd), whatever the machine's locale.
        plt.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = d => d.ToString("yyyy-MM-dd", Fmt.Inv) };
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var s = 0; s < panel.S; s++) ticks.AddMajor(panel.S - 1 - s, panel.Stations[s].Id);
        plt.Axes.Left.TickGenerator = ticks;
        plt.Add.ColorBar(hm).Label = $"fraction of hours with {variable} observed";
        plt.Title($"{variable} coverage per station and day (UTC), {store.Path}");
        AtomicFile.WriteAllBytes(path, plt.GetImageBytes(1400, Math.Max(400, 120 + 22 * panel.S), ImageFormat.Png), "plot");
    }
}
