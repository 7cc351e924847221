using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using AqNet.Torch.Runtime;
using Xunit;

namespace AqNet.Torch.Tests.Impute;

/// <summary>aqnet-st trains through the one training engine, so it resumes like the forecasters: a run killed after
/// epoch 2 of 4 and resumed ends with the weights of a run never interrupted.</summary>
[Collection(TorchGeneratorCollection.Name)]
public class StResumeTests
{
    private static readonly StOptions Tiny = new() { Window = 8, Neighbours = 2, Hidden = 8, Heads = 2 };

    public StResumeTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static ImputeTask Task()
    {
        var rng = new Random(3);
        var stations = Enumerable.Range(0, 5).Select(i => new Station($"S{i}", $"S{i}", 116.0 + 0.1 * i, 40.0 + 0.05 * (i % 2))).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), 24 * 12, stations, [Variables.Pm25]);
        for (var t = 0; t < p.Hours; t++)
            for (var s = 0; s < 5; s++) p.Set(t, s, 0, (float)(40 + 15 * Math.Sin(2 * Math.PI * t / 24) + 4 * s + rng.NextDouble()));
        return ImputeProtocols.Build(p, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Block });
    }

    private static StTrainOptions Run(string? dir) =>
        new() { Epochs = 4, StepsPerEpoch = 3, BatchSize = 8, Seed = 1, Patience = 0, WorkDir = dir, Resume = dir is not null };

    private static float[] Weights(StImputer m) =>
        [.. m.Network!.parameters().SelectMany(p => p.detach().contiguous().data<float>().ToArray())];

    [Fact]
    public void A_killed_run_resumed_to_the_end_has_the_weights_of_a_run_never_interrupted()
    {
        var task = Task();
        var dir = Fixtures.TempDir();
        using var cts = new CancellationTokenSource();
        // Cancel as epoch 2 ends: training stops inside epoch 3, like a process killed mid-epoch.
        var kill = new SyncProgress(l => { if (l.StartsWith("aqnet-st epoch 2:", StringComparison.Ordinal)) cts.Cancel(); });
        using (var first = new StImputer(Tiny, Run(dir)))
            Assert.ThrowsAny<OperationCanceledException>(() => first.Fit(task, task.Folds[0], kill, cts.Token));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "epochs.csv")).Length);
        Assert.True(File.Exists(Path.Combine(dir, "resume.ckpt")));

        var lines = new List<string>();
        using var resumed = new StImputer(Tiny, Run(dir));
        resumed.Fit(task, task.Folds[0], new SyncProgress(lines.Add), default);
        Assert.Contains(lines, l => l.StartsWith("resuming aqnet-st", StringComparison.Ordinal));
        Assert.Equal([1, 2, 3, 4], resumed.History.Select(e => e.Epoch));
        Assert.Equal(2, lines.Count(l => l.StartsWith("aqnet-st epoch ", StringComparison.Ordinal)));

        using var whole = new StImputer(Tiny, Run(null));
        whole.Fit(task, task.Folds[0], null, default);
        var (a, b) = (Weights(whole), Weights(resumed));
        Assert.Equal(a.Length, b.Length);
        // Equal up to libtorch's last-bit rounding, which for this model differs from run to run even on one thread:
        // two uninterrupted runs in one process differ by up to about 1e-5 in a weight. A resume that lost the batch
        // generator's position, the AdamW moments or the weight average moves weights by 1e-3 and more.
        var worst = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        Assert.True(worst <= 1e-4, $"largest weight difference {worst}");
        Assert.Equal(whole.History.Select(e => e.ValidationLoss), resumed.History.Select(e => e.ValidationLoss), (x, y) => Math.Abs(x - y) <= 1e-4);
    }

    [Fact]
    public void Resuming_with_another_seed_is_refused()
    {
        var task = Task();
        var dir = Fixtures.TempDir();
        using (var first = new StImputer(Tiny, Run(dir) with { Epochs = 1 }))
            first.Fit(task, task.Folds[0], null, default);
        using var second = new StImputer(Tiny, Run(dir) with { Seed = 2 });
        var e = Assert.Throws<InputException>(() => second.Fit(task, task.Folds[0], null, default));
        Assert.Contains("seed", e.Message);
    }
}
