using System.Runtime.CompilerServices;
using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Windows;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Nn;

namespace AqNet.Torch.Analysis;

/// <summary>The paper's attention figures (Fig. 4: two heads' attention over time, chosen by a PCA clustering of
/// all heads into short- and long-term; Fig. 5: attention from output days to input days for the 336 h model).
/// See docs/attention-analysis.md for the definitions.</summary>
public static class AttentionFigures
{
    /// <summary>Test windows whose attention is summarised, spread evenly over the test set.</summary>
    internal const int MaxSamples = 2000;
    /// <summary>Windows for the occlusion of Fig. 5 (1 + W/24 forward passes each; 336 h steps are slow on CPU).</summary>
    internal const int MaxOcclusionSamples = 48;
    // Attention weights cost W² per head: for 336 h windows fewer samples keep the pass to seconds.
    private const long MaxSampleSteps = 48_000;

    // Test sets already analysed: TemporalExperiment fits the seeds in order on one test WindowSet per horizon, so
    // the first "aqnet" fit seen for a set is the first seed's; later seeds are skipped at once.
    private static readonly ConditionalWeakTable<WindowSet, object> Analysed = new();

    public static void OnModelFitted(FittedModel fitted)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        if (fitted.Model is not TorchForecaster { Kind: TemporalModelKind.Aqnet, Model: AqNetModel model }) return;
        var test = fitted.Windows.Test;
        if (test.N == 0 || !Analysed.TryAdd(test, new object())) return;
        Write(model, test, fitted.Windows.Context, fitted.Horizon, fitted.Seed, fitted.FiguresDir);
    }

    /// <summary>Writes Fig. 4's two PNGs and JSON, and Fig. 5's PNG and JSON for daily 24 h-multiple windows;
    /// returns the paths written.</summary>
    internal static IReadOnlyList<string> Write(AqNetModel model, WindowSet test, WindowContext ctx, string horizon, int seed, string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        int w = test.W, heads = model.Options.Heads;
        var idx = AttentionSampler.Spread(test.N, (int)Math.Clamp(MaxSampleSteps / w, 64, MaxSamples));
        var keys = AttentionSampler.KeyWeights(model, test, idx);   // [n, heads, W]
        var profiles = HeadProfile.FromKeyWeights(keys, idx.Length, heads, w);
        var pca = Pca.Fit(profiles.Select(p => p.Mean).ToArray());
        var clusters = HeadClusters.Fit(pca.Scores, profiles.Select(p => p.MeanLagHours).ToArray(), HeadProfile.UniformMeanLag(w));

        var caption = $"AQ-Net {horizon} ({w} h input), {idx.Length} test windows";
        var headsPng = Path.Combine(dir, $"fig4_attention_heads_{horizon}.png");
        Fig4Plot.WriteHeads(headsPng, $"Attention of a short- and a long-term head, {caption}", profiles, clusters);
        var pcaPng = Path.Combine(dir, $"fig4_head_pca_{horizon}.png");
        Fig4Plot.WritePca(pcaPng, $"PCA of the {heads} heads' attention profiles, AQ-Net {horizon}", pca, profiles, clusters);
        var json = Path.Combine(dir, $"attention_heads_{horizon}.json");
        Report(model, horizon, seed, idx.Length, w, profiles, pca, clusters).Write(json);
        written.AddRange([headsPng, pcaPng, json]);

        if (ctx.StepHours == 24 && w % 24 == 0)
        {
            var occIdx = AttentionSampler.Spread(test.N, MaxOcclusionSamples);
            var delta = DayOcclusion.Run(model, test, ctx, occIdx);   // [H][W/24]
            var png = Path.Combine(dir, $"fig5_output_vs_input_days_{horizon}.png");
            Fig5Plot.Write(png, $"AQ-Net {horizon}: change of each output day's forecast when one input day is masked ({occIdx.Length} test windows)", delta);
            var days = w / 24;
            var report = new OcclusionReport(TemporalModels.Name(TemporalModelKind.Aqnet), horizon, occIdx.Length, [.. Enumerable.Range(-days, days)], delta,
                MassPerDay(profiles, days), OcclusionReport.MethodDescription);
            var fig5Json = Path.ChangeExtension(png, ".json");
            report.Write(fig5Json);
            written.AddRange([png, fig5Json]);
        }
        return written;
    }

    private static AttentionReport Report(AqNetModel model, string horizon, int seed, int samples, int w,
        HeadProfile[] profiles, Pca pca, HeadClusters clusters)
    {
        var entries = profiles.Select(p => new HeadEntry(0, p.Head, clusters.Name(p.Head),
            p.Head == clusters.ShortRepresentative || p.Head == clusters.LongRepresentative,
            p.MeanLagHours, p.RecentMass, pca.Scores[p.Head], p.Mean, p.Std)).ToList();
        return new AttentionReport(TemporalModels.Name(TemporalModelKind.Aqnet), horizon, seed, samples, w, model.Options.Pooling.ToString(),
            AttentionReport.ProfileDescription, [pca.Share(0), pca.Share(1)], pca.Components, entries);
    }

    // Head-averaged attention mass per input day, oldest first: day d holds lags (days − 1 − d)·24 + 1 … (days − d)·24.
    private static double[] MassPerDay(HeadProfile[] profiles, int days) =>
        [.. Enumerable.Range(0, days).Select(d => profiles.Average(p => p.Mean.Skip((days - 1 - d) * 24).Take(24).Sum()))];
}
