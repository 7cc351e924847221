using AqNet.Core.Data;
using AqNet.Core.Preprocessing;
using AqNet.Core.Windows;

namespace AqNet.Core.Experiments;

/// <summary>Fig. 3 of the paper, redone on our test part: for one station and the first test week with data,
/// the forecasts issued at 09 h and at 16 h local time (windows whose first target hour is labelled 09 or 16),
/// steps 1..4 (09–12 h and 16–19 h), against the observations. One PNG per model and horizon, µg/m³.</summary>
public static class Fig3
{
    public static readonly (int Hour, string Label)[] Slots = [(9, "09-12 h"), (16, "16-19 h")];

    /// <summary>Writes figures/fig3_{model}_{horizon}.png; returns its path, or null when no slot window exists.</summary>
    public static string? Write(string dir, string model, string horizon, WindowSet test, float[] predScaled,
        WindowContext ctx, string? stationId, IProgress<string>? progress)
    {
        var s = stationId is null ? 0 : ctx.StationIds.ToList().IndexOf(stationId);
        if (s < 0) throw new InputException($"figure station '{stationId}' is not in the panel; it has {string.Join(", ", ctx.StationIds)}");
        var steps = Math.Min(4, test.H);
        var byT0 = new Dictionary<int, int>();
        for (var n = 0; n < test.N; n++) if (test.Station[n] == s) byT0[test.T0[n]] = n;
        // Week: 7 local days from the first local midnight on or after the first slot window of this station.
        var firstSlot = byT0.Keys.Where(t => Slots.Any(x => LocalHour(ctx, t) == x.Hour)).DefaultIfEmpty(-1).Min();
        if (firstSlot < 0) { progress?.Report($"fig3: no 09/16 h windows for station {s}; skipped"); return null; }
        var weekStart = firstSlot + (24 - LocalHour(ctx, firstSlot)) % 24;
        var plt = new ScottPlot.Plot();
        var palette = new[] { ScottPlot.Colors.Black, ScottPlot.Colors.Red, ScottPlot.Colors.Gray, ScottPlot.Colors.Blue };
        var c = 0;
        foreach (var (hour, label) in Slots)
        {
            var (obsColor, predColor) = (palette[c++], palette[c++]);
            var legend = true;
            for (var day = 0; day < 7; day++)
            {
                var t0 = weekStart + 24 * day + hour;
                if (!byT0.TryGetValue(t0, out var n)) continue;
                var xs = new List<double>(); var yo = new List<double>(); var yp = new List<double>();
                for (var j = 0; j < steps; j++)
                {
                    xs.Add((t0 + j - weekStart) / 24.0);
                    yp.Add(ctx.Unscale(predScaled[n * test.H + j]));
                    yo.Add(test.YMask[n * test.H + j] > 0 ? ctx.Unscale(test.Y[n * test.H + j]) : double.NaN);
                }
                AddSeries(plt, xs, yo, obsColor, legend ? $"observed {label}" : null, true);
                AddSeries(plt, xs, yp, predColor, legend ? $"predicted {label}" : null, false);
                legend = false;
            }
        }
        var station = ctx.StationIds.Count > s ? ctx.StationIds[s] : s.ToString(Fmt.Inv);
        plt.Title($"{model}, {horizon}: station {station}, week from {CyclicEncoding.Local(ctx.TimeAt(weekStart), ctx.UtcOffsetHours):yyyy-MM-dd} (local)");
        plt.XLabel("days since week start (local time)");
        plt.YLabel("PM2.5 (µg/m³)");
        plt.ShowLegend();
        var path = Path.Combine(dir, $"fig3_{model}_{horizon}.png");
        AtomicFile.WriteAllBytes(path, plt.GetImageBytes(1000, 500, ScottPlot.ImageFormat.Png), "plot");
        return path;
    }

    private static int LocalHour(WindowContext c, int t) => CyclicEncoding.Local(c.TimeAt(t), c.UtcOffsetHours).Hour;

    private static void AddSeries(ScottPlot.Plot plt, List<double> xs, List<double> ys, ScottPlot.Color color, string? legend, bool markers)
    {
        var keep = Enumerable.Range(0, xs.Count).Where(i => double.IsFinite(ys[i])).ToArray();
        if (keep.Length == 0) return;
        var sp = plt.Add.Scatter(keep.Select(i => xs[i]).ToArray(), keep.Select(i => ys[i]).ToArray());
        sp.Color = color;
        sp.MarkerSize = markers ? 6 : 3;
        sp.LineWidth = markers ? 0 : 2;
        if (legend is not null) sp.LegendText = legend;
    }
}
