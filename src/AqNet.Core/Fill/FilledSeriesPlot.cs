using AqNet.Core.Data;
using ScottPlot;

namespace AqNet.Core.Fill;

/// <summary>`aqnet fill --png DIR`: one picture per station of the filled record: the observed values as a line, the
/// filled hours as points on it with their 90% interval as a band, QC-flagged observations marked; local time on an
/// ISO-dated axis.</summary>
public static class FilledSeriesPlot
{
    /// <summary>Writes DIR/pm25_filled_STATION.png for every station of the record (file names keep letters, digits,
    /// '-' and '_' of the id); returns the paths.</summary>
    public static IReadOnlyList<string> SaveAll(FilledRecord r, string dir, int utcOffsetHours, IProgress<string>? progress, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var paths = new List<string>();
        for (var s = 0; s < r.S; s++)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.Combine(dir, $"pm25_filled_{SafeName(r.Stations[s].Id)}.png");
            Save(r, s, path, utcOffsetHours);
            paths.Add(path);
        }
        progress?.Report($"wrote {paths.Count} station plots to {dir}");
        return paths;
    }

    public static string SafeName(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);

    public static void Save(FilledRecord r, int s, string path, int utcOffsetHours)
    {
        var x = Enumerable.Range(0, r.Hours).Select(t => r.TimeAt(t).AddHours(utcOffsetHours).ToOADate()).ToArray();
        double[] Column(float[] a, Func<int, bool> keep) =>
            [.. Enumerable.Range(0, r.Hours).Select(t => keep(t) ? a[r.Index(t, s)] : double.NaN)];
        var filled = (Func<int, bool>)(t => r.Flag[r.Index(t, s)] == FillFlag.Filled);
        var plt = new Plot();
        var band = plt.Add.FillY(x, Column(r.Lower, _ => true), Column(r.Upper, _ => true));
        band.FillColor = Colors.OrangeRed.WithAlpha(0.25);
        band.LineWidth = 0;
        band.LegendText = $"{Fmt.D(100 * r.NominalCoverage)}% interval of filled hours" +
                          (r.MeasuredCoverage is { } c ? $" (held {Fmt.F(100 * c, 1)}% of held-out values)" : "");
        var observed = plt.Add.ScatterLine(x, Column(r.Value, t => !filled(t)));
        observed.Color = Colors.Black;
        observed.LineWidth = 1;
        observed.LegendText = "observed";
        var est = plt.Add.ScatterPoints(x, Column(r.Value, filled));
        est.Color = Colors.OrangeRed;
        est.MarkerSize = 3;
        est.LegendText = $"filled ({Enumerable.Range(0, r.Hours).Count(filled):N0} h)";
        var flagged = plt.Add.ScatterPoints(x, Column(r.Value, t => r.Flag[r.Index(t, s)] == FillFlag.ObservedFlagged));
        flagged.Color = Colors.Blue;
        flagged.MarkerShape = MarkerShape.OpenCircle;
        flagged.MarkerSize = 4;
        flagged.LegendText = "observed, QC-flagged";
        plt.Axes.DateTimeTicksBottom().TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = d => d.ToString(r.Hours > 24 * 4 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", Fmt.Inv) };
        plt.Axes.Bottom.Label.Text = $"local time ({(utcOffsetHours >= 0 ? "UTC+" : "UTC-")}{Math.Abs(utcOffsetHours):00}:00), hour ending";
        plt.Axes.Left.Label.Text = "PM2.5 (µg/m³)";
        var top = Enumerable.Range(0, r.Hours).Select(t => r.Upper[r.Index(t, s)]).Where(float.IsFinite).DefaultIfEmpty(1).Max();
        plt.Axes.SetLimitsY(0, Math.Max(1, 1.05 * top));
        plt.Title($"PM2.5 at {r.Stations[s].Id}: observed and gap-filled");   // the id: names may need fonts the machine lacks
        plt.ShowLegend(Alignment.UpperRight);
        AtomicFile.WriteAllBytes(path, plt.GetImageBytes(1400, 500, ImageFormat.Png), "plot");
    }
}
