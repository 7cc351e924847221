using AqNet.Core.Baselines;
using AqNet.Core.Experiments;
using AqNet.Core.Windows;
using AqNet.Torch.Analysis;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;

namespace AqNet.Torch.Tests.Analysis;

public sealed class AttentionFiguresTests
{
    private static readonly TrainOptions Brief = new() { Epochs = 1, BatchSize = 16, MaxBatchesPerEpoch = 2, Seed = 3 };

    public AttentionFiguresTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static (TorchForecaster Model, WindowsForHorizon Windows) Fitted(TemporalModelKind kind, int w, int h, int stepHours)
    {
        var train = Fixtures.Windows(24, w, h);
        var test = Fixtures.Windows(12, w, h, 9);
        var ctx = new WindowContext
        {
            PanelStartUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), StepHours = stepHours,
            TargetMean = 20, TargetStd = 10, TargetFeature = 0, TargetMaskFeature = 1, UtcOffsetHours = 8,
        };
        var f = new TorchForecaster(kind, Brief, Fixtures.Options(w, h) with { Heads = 4 });
        f.Fit(train, train, ctx, null, CancellationToken.None);
        return (f, new WindowsForHorizon(train, train, test, ctx));
    }

    private static string[] Files(string dir) => [.. Directory.GetFiles(dir).Select(Path.GetFileName).Order()!];

    [Fact]
    public void Aqnet_hourly_writes_fig4_and_one_json_entry_per_head_for_the_first_seed_only()
    {
        var dir = Fixtures.TempDir();
        var (f, win) = Fitted(TemporalModelKind.Aqnet, 24, 6, 1);
        using (f)
        {
            AttentionFigures.OnModelFitted(new FittedModel(f, "6h", 0, win, [], dir));
            Assert.Equal(["attention_heads_6h.json", "fig4_attention_heads_6h.png", "fig4_head_pca_6h.png"], Files(dir));
            var report = AttentionReport.Read(Path.Combine(dir, "attention_heads_6h.json"));
            Assert.Equal(4, report.Heads.Count);
            Assert.Equal([0, 1, 2, 3], report.Heads.Select(e => e.Head));
            Assert.All(report.Heads, e => Assert.Equal(1, e.Profile.Sum(), 4));
            Assert.All(report.Heads, e => Assert.Contains(e.Cluster, new[] { HeadClusters.Short, HeadClusters.Long }));
            Assert.InRange(report.Heads.Count(e => e.Representative), 1, 2);
            Assert.Equal(12, report.Samples);

            // A later seed on the same test windows is skipped.
            foreach (var file in Directory.GetFiles(dir)) File.Delete(file);
            AttentionFigures.OnModelFitted(new FittedModel(f, "6h", 1, win, [], dir));
            Assert.Empty(Files(dir));
        }
    }

    [Fact]
    public void Aqnet_daily_also_writes_fig5_with_an_output_by_input_day_matrix()
    {
        var dir = Fixtures.TempDir();
        var (f, win) = Fitted(TemporalModelKind.Aqnet, 48, 2, 24);
        using (f)
        {
            AttentionFigures.OnModelFitted(new FittedModel(f, "2d", 0, win, [], dir));
            Assert.Contains("fig5_output_vs_input_days_2d.png", Files(dir));
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fig5_output_vs_input_days_2d.json")));
            var m = doc.RootElement.GetProperty("occlusionUgm3");
            Assert.Equal(2, m.GetArrayLength());
            Assert.All(m.EnumerateArray(), row => Assert.Equal(2, row.GetArrayLength()));
            Assert.Equal([-2, -1], doc.RootElement.GetProperty("inputDays").EnumerateArray().Select(e => e.GetInt32()));
        }
    }

    [Fact]
    public void Other_models_write_nothing()
    {
        var dir = Fixtures.TempDir();
        var (f, win) = Fitted(TemporalModelKind.Lstm, 24, 6, 1);
        using (f)
        {
            AttentionFigures.OnModelFitted(new FittedModel(f, "6h", 0, win, [], dir));
            AttentionFigures.OnModelFitted(new FittedModel(BaselineFactory.TryCreate("persistence")!, "6h", 0, win, [], dir));
        }
        Assert.Empty(Files(dir));
    }

    [Fact]
    public void Occlusion_changes_nothing_when_only_the_time_encoding_is_nonzero_and_something_otherwise()
    {
        var set = Fixtures.Windows(6, 48, 2);
        using var model = new AqNetModel(Fixtures.Options(48, 2) with { Heads = 4 });
        var ctx = Fixtures.Context();
        var idx = Enumerable.Range(0, set.N).ToArray();
        var real = DayOcclusion.Run(model, set, ctx, idx);
        Assert.True(real.SelectMany(r => r).All(v => v > 0), "masking a day of real inputs must move the prediction");
        // Zero every non-cyc feature: masking a day is then a no-op, so the time encoding must be left alone.
        for (var i = 0; i < set.X.Length; i++)
            if (!set.FeatureNames[i % set.F].StartsWith("cyc:", StringComparison.Ordinal)) set.X[i] = 0;
        Assert.All(DayOcclusion.Run(model, set, ctx, idx).SelectMany(r => r), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Key_weights_sum_to_one_per_window_and_head()
    {
        var set = Fixtures.Windows(5, 24, 6);
        using var model = new AqNetModel(Fixtures.Options(24, 6) with { Heads = 2 });
        var keys = AttentionSampler.KeyWeights(model, set, AttentionSampler.Spread(set.N, 3));
        Assert.Equal(3 * 2 * 24, keys.Length);
        for (var r = 0; r < 6; r++) Assert.Equal(1, keys.Skip(r * 24).Take(24).Sum(), 4);
        Assert.Equal([0, 3, 6, 9], AttentionSampler.Spread(12, 4));
    }
}
