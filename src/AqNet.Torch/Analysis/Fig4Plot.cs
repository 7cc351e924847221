using AqNet.Core.Data;
using ScottPlot;

namespace AqNet.Torch.Analysis;

/// <summary>Fig. 4: the representative short- and long-term heads' attention over the input hours (mean over
/// the sampled test windows, band = ± 1 standard deviation across windows), and the PCA map of all heads.</summary>
internal static class Fig4Plot
{
    private static readonly Color ShortColor = Colors.OrangeRed;
    private static readonly Color LongColor = Colors.RoyalBlue;

    public static void WriteHeads(string path, string title, HeadProfile[] heads, HeadClusters clusters)
    {
        var plt = new Plot();
        var w = heads[0].Mean.Length;
        var lags = Enumerable.Range(1, w).Select(k => (double)k).ToArray();
        foreach (var (rep, color) in new[] { (clusters.ShortRepresentative, ShortColor), (clusters.LongRepresentative, LongColor) })
        {
            if (rep < 0) continue;
            var p = heads[rep];
            var band = plt.Add.FillY(lags, p.Mean.Zip(p.Std, (m, s) => Math.Max(0, m - s)).ToArray(), p.Mean.Zip(p.Std, (m, s) => m + s).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
            var line = plt.Add.Scatter(lags, p.Mean);
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = w <= 48 ? 5 : 0;
            line.LegendText = $"head {rep} ({clusters.Name(rep)}): mean lag {Fmt.F(p.MeanLagHours, 1)} h, {Fmt.F(100 * p.RecentMass, 0)}% on last {(w + 3) / 4} h";
        }
        var uniform = plt.Add.HorizontalLine(1.0 / w);
        uniform.Color = Colors.Gray;
        uniform.LinePattern = LinePattern.Dashed;
        uniform.LegendText = $"uniform attention (1/{w}, mean lag {Fmt.F(HeadProfile.UniformMeanLag(w), 1)} h)";
        plt.Axes.SetLimitsX(w + 0.5, 0.5);   // reversed: time runs left to right, the forecast starts at the right edge
        plt.Axes.Bottom.Label.Text = "hours before the forecast";
        plt.Axes.Left.Label.Text = "attention weight received (band: ±1 SD over windows)";
        // Two clusters are always formed; say so when the representatives hardly differ (e.g. near-uniform heads).
        var (a, b) = (clusters.ShortRepresentative, clusters.LongRepresentative);
        var alike = a >= 0 && b >= 0 && Math.Abs(heads[b].MeanLagHours - heads[a].MeanLagHours) < 0.02 * w;
        plt.Title(alike ? title + "\n(heads barely differ: mean lags within 2% of the window)" : title);
        plt.ShowLegend(Alignment.UpperLeft);
        Save(plt, path, 1100, 550);
    }

    public static void WritePca(string path, string title, Pca pca, HeadProfile[] heads, HeadClusters clusters)
    {
        var plt = new Plot();
        foreach (var (isShort, color) in new[] { (true, ShortColor), (false, LongColor) })
        {
            var members = heads.Where(h => clusters.ShortTerm[h.Head] == isShort).Select(h => h.Head).ToArray();
            if (members.Length == 0) continue;
            var sp = plt.Add.ScatterPoints(members.Select(i => pca.Scores[i][0]).ToArray(), members.Select(i => pca.Scores[i][1]).ToArray());
            sp.Color = color;
            sp.MarkerSize = 12;
            sp.LegendText = isShort ? HeadClusters.Short : HeadClusters.Long;
            foreach (var i in members)
            {
                var label = plt.Add.Text($"  head {i} ({Fmt.F(heads[i].MeanLagHours, 1)} h)", pca.Scores[i][0], pca.Scores[i][1]);
                label.LabelFontSize = 13;
                label.LabelFontColor = color;
            }
        }
        plt.Axes.Bottom.Label.Text = $"PC1 ({Percent(pca.Share(0))} of variance)";
        plt.Axes.Left.Label.Text = $"PC2 ({Percent(pca.Share(1))} of variance)";
        // Text is not part of autoscaling: leave room on the right for the head labels.
        var (x, y) = (heads.Select(h => pca.Scores[h.Head][0]).ToArray(), heads.Select(h => pca.Scores[h.Head][1]).ToArray());
        double sx = Math.Max(x.Max() - x.Min(), 1e-12), sy = Math.Max(y.Max() - y.Min(), 1e-12);
        plt.Axes.SetLimits(x.Min() - 0.15 * sx, x.Max() + 0.5 * sx, y.Min() - 0.2 * sy, y.Max() + 0.2 * sy);
        plt.Title(title);
        plt.ShowLegend(Alignment.UpperRight);
        Save(plt, path, 800, 600);
    }

    /// <summary>A share as a percentage with as many decimals as it takes not to round a small component to "0%" or a
    /// dominant one to "100%" (heads that differ little give PC1 ≈ 99.97%, PC2 ≈ 0.03%).</summary>
    internal static string Percent(double share)
    {
        var p = 100 * share;
        if (!(p > 0)) return "0%";
        if (p >= 100) return "100%";
        for (var d = 0; d <= 4; d++)
        {
            var r = Math.Round(p, d);
            if (r > 0 && r < 100) return Fmt.F(p, d) + "%";
        }
        return p < 1 ? "< 0.0001%" : "> 99.9999%";
    }

    internal static void Save(Plot plt, string path, int width, int height)
    {
        AtomicFile.WriteAllBytes(path, plt.GetImageBytes(width, height, ImageFormat.Png), "plot");
    }
}
