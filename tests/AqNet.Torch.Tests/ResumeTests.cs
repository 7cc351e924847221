using AqNet.Core.Experiments;
using AqNet.Core.Data;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;

namespace AqNet.Torch.Tests;

public sealed class ResumeTests
{
    public ResumeTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static readonly TrainOptions Run = new() { Epochs = 4, BatchSize = 8, Patience = 0, Seed = 3, Resume = true };

    [Fact]
    public void An_interrupted_run_resumes_after_its_last_complete_epoch()
    {
        var dir = Fixtures.TempDir();
        var train = Fixtures.Windows(48, 24, 6);
        var val = Fixtures.Windows(16, 24, 6, 2);
        using var cts = new CancellationTokenSource();
        // Cancel as epoch 2 finishes: the trainer stops inside epoch 3, like a process killed mid-epoch.
        var progress = new SyncProgress(l => { if (l.StartsWith("epoch 2:", StringComparison.Ordinal)) cts.Cancel(); });
        using (var first = new TorchForecaster(TemporalModelKind.Aqnet, Run, Fixtures.Options(24, 6)))
            Assert.ThrowsAny<OperationCanceledException>(() => first.Fit(train, val, Fixtures.Context(dir), progress, cts.Token));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "epochs.csv")).Length);
        // A torn temp file from the kill must not matter.
        File.WriteAllText(Path.Combine(dir, "resume.ckpt.tmp-1-dead"), "half");
        var stale = Path.Combine(dir, "epochs.csv.tmp-999999999-dead");   // a process id above Linux's maximum: never running
        File.WriteAllText(stale, "half");

        var lines = new List<string>();
        using var second = new TorchForecaster(TemporalModelKind.Aqnet, Run, Fixtures.Options(24, 6));
        second.Fit(train, val, Fixtures.Context(dir), new SyncProgress(lines.Add), CancellationToken.None);
        var r = second.LastResult!;
        Assert.Equal(2, r.ResumedAfterEpoch);
        Assert.Equal([1, 2, 3, 4], r.History.Select(e => e.Epoch));
        Assert.Contains(lines, l => l.StartsWith("resuming aqnet", StringComparison.Ordinal));
        Assert.Equal(["1", "2", "3", "4"], File.ReadAllLines(Path.Combine(dir, "epochs.csv")).Skip(1).Select(l => l.Split(',')[0]));
        Assert.False(File.Exists(stale));
        Assert.All(second.Predict(val, Fixtures.Context()), p => Assert.True(float.IsFinite(p)));

        // Weights, AdamW moments, RNG and shuffles all restored: the same numbers as a run never interrupted.
        using var whole = new TorchForecaster(TemporalModelKind.Aqnet, Run, Fixtures.Options(24, 6));
        whole.Fit(train, val, Fixtures.Context(Fixtures.TempDir()), null, CancellationToken.None);
        Assert.Equal(whole.LastResult!.History.Select(e => e.ValidationLoss), r.History.Select(e => e.ValidationLoss));
        Assert.Equal(whole.Predict(val, Fixtures.Context()), second.Predict(val, Fixtures.Context()));
    }

    [Fact]
    public void Resuming_on_other_data_is_refused()
    {
        var dir = Fixtures.TempDir();
        using (var first = new TorchForecaster(TemporalModelKind.Lstm, Run with { Epochs = 1 }, Fixtures.Options(24, 6)))
            first.Fit(Fixtures.Windows(16, 24, 6), Fixtures.Windows(8, 24, 6, 2), Fixtures.Context(dir), null, CancellationToken.None);
        using var second = new TorchForecaster(TemporalModelKind.Lstm, Run, Fixtures.Options(24, 6));
        var e = Assert.Throws<InputException>(() =>
            second.Fit(Fixtures.Windows(16, 24, 6, seed: 4), Fixtures.Windows(8, 24, 6, 2), Fixtures.Context(dir), null, CancellationToken.None));
        Assert.Contains("fingerprint", e.Message);
    }

    [Fact]
    public void A_damaged_resume_checkpoint_is_discarded_and_the_run_starts_afresh_to_the_same_numbers()
    {
        var dir = Fixtures.TempDir();
        var train = Fixtures.Windows(48, 24, 6);
        var val = Fixtures.Windows(16, 24, 6, 2);
        using (var first = new TorchForecaster(TemporalModelKind.Aqnet, Run with { Epochs = 2 }, Fixtures.Options(24, 6)))
            first.Fit(train, val, Fixtures.Context(dir), null, CancellationToken.None);
        var resume = Path.Combine(dir, "resume.ckpt");
        var bytes = File.ReadAllBytes(resume);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(resume, bytes);

        var lines = new List<string>();
        using var second = new TorchForecaster(TemporalModelKind.Aqnet, Run, Fixtures.Options(24, 6));
        second.Fit(train, val, Fixtures.Context(dir), new SyncProgress(lines.Add), CancellationToken.None);
        Assert.Null(second.LastResult!.ResumedAfterEpoch);
        Assert.Contains(lines, l => l.StartsWith($"warning: not resuming: {resume} is damaged", StringComparison.Ordinal));
        using var whole = new TorchForecaster(TemporalModelKind.Aqnet, Run, Fixtures.Options(24, 6));
        whole.Fit(train, val, Fixtures.Context(Fixtures.TempDir()), null, CancellationToken.None);
        Assert.Equal(whole.LastResult!.History.Select(e => e.ValidationLoss), second.LastResult.History.Select(e => e.ValidationLoss));

        // the checkpoint written after the fresh run resumes again
        using var third = new TorchForecaster(TemporalModelKind.Aqnet, Run with { Epochs = 5 }, Fixtures.Options(24, 6));
        third.Fit(train, val, Fixtures.Context(dir), null, CancellationToken.None);
        Assert.Equal(4, third.LastResult!.ResumedAfterEpoch);
    }
}
