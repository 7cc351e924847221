using AqNet.Core.Experiments;
using AqNet.Core.Data;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

public sealed class TrainerTests
{
    public TrainerTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static readonly TrainOptions Quick = new() { Epochs = 6, BatchSize = 16, LearningRate = 1e-2, Patience = 0, Seed = 3 };

    [Theory]
    [InlineData(TemporalModelKind.Aqnet)]
    [InlineData(TemporalModelKind.Lstm)]
    [InlineData(TemporalModelKind.PatchTst)]
    public void Loss_falls_on_a_learnable_fixture(TemporalModelKind kind)
    {
        var train = Fixtures.Windows(96, 24, 6, seed: 1);
        var val = Fixtures.Windows(32, 24, 6, seed: 2);
        // The plain head: with the residual the model starts near persistence and there is less loss to lose.
        using var f = new TorchForecaster(kind, Quick, Fixtures.Options(24, 6, hidden: 16)) { Residual = false };
        f.Fit(train, val, Fixtures.Context(), null, CancellationToken.None);
        var h = f.LastResult!.History;
        Assert.Equal(Quick.Epochs, h.Count);
        Assert.True(h[^1].TrainLoss < 0.75 * h[0].TrainLoss, $"train loss {h[0].TrainLoss} → {h[^1].TrainLoss}");
        Assert.True(f.LastResult.BestValidationLoss < h[0].ValidationLoss);
        Assert.Equal(val.N * val.H, f.Predict(val, Fixtures.Context()).Length);
    }

    [Fact]
    public void Same_seed_gives_the_same_numbers_and_another_seed_does_not()
    {
        var threads = get_num_threads();
        set_num_threads(1);
        try
        {
            var train = Fixtures.Windows(48, 24, 6, seed: 1);
            var val = Fixtures.Windows(16, 24, 6, seed: 2);
            float[] Run(int seed)
            {
                using var f = new TorchForecaster(TemporalModelKind.Aqnet, Quick with { Epochs = 2, Seed = seed }, Fixtures.Options(24, 6));
                f.Fit(train, val, Fixtures.Context(), null, CancellationToken.None);
                return f.Predict(val, Fixtures.Context());
            }
            var a = Run(5);
            Assert.Equal(a, Run(5));
            Assert.NotEqual(a, Run(6));
        }
        finally { set_num_threads(threads); }
    }

    [Fact]
    public void Writes_epochs_csv_and_reports_a_line_per_epoch()
    {
        var dir = Fixtures.TempDir();
        var lines = new List<string>();
        using var f = new TorchForecaster(TemporalModelKind.Aqnet, Quick with { Epochs = 3 }, Fixtures.Options(24, 6));
        f.Fit(Fixtures.Windows(32, 24, 6), Fixtures.Windows(16, 24, 6, 2), Fixtures.Context(dir), new SyncProgress(lines.Add), CancellationToken.None);
        var csv = File.ReadAllLines(Path.Combine(dir, "epochs.csv"));
        Assert.Equal("epoch,train_loss,val_loss,val_mae_ugm3,seconds", csv[0]);
        Assert.Equal(["1", "2", "3"], csv.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(3, lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));
        var mae = double.Parse(csv[1].Split(',')[3], Fmt.Inv);
        Assert.True(mae > 0 && double.IsFinite(mae));
        Assert.True(File.Exists(Path.Combine(dir, TorchForecaster.CheckpointFileName)));
    }

    [Fact]
    public void Quick_context_caps_epochs_and_batches()
    {
        var dir = Fixtures.TempDir();
        var context = new Core.Windows.WindowContext
        {
            PanelStartUtc = DateTime.UnixEpoch, UtcOffsetHours = 8, StepHours = 1, TargetMean = 0, TargetStd = 1, TargetFeature = 0,
            TargetMaskFeature = 1, Quick = true, WorkDir = dir, StationIds = ["A", "B", "C"],
        };
        using var f = new TorchForecaster(TemporalModelKind.Lstm, Quick with { Epochs = 20, BatchSize = 1 }, Fixtures.Options(24, 6));
        f.Fit(Fixtures.Windows(200, 24, 6), Fixtures.Windows(8, 24, 6, 2), context, null, CancellationToken.None);
        Assert.Equal(3, f.LastResult!.History.Count);
        Assert.Equal(50, f.Train.ForQuick().MaxBatchesPerEpoch);
        Assert.Equal(["A", "B", "C"], f.Info!.Stations);
    }

    [Fact]
    public void Batched_prediction_matches_one_forward_pass()
    {
        var set = Fixtures.Windows(20, 24, 6, 4);
        using var model = Nn.ModelFactory.Create(Core.Experiments.TemporalModelKind.Aqnet, Fixtures.Options(24, 6));
        var batched = Evaluation.Predict(model, set, batchSize: 7);   // 7 + 7 + 6 rows
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var whole = model.forward(tensor(set.X, [20, 24, set.F])).data<float>().ToArray();
        Assert.Equal(whole.Length, batched.Length);
        for (var i = 0; i < whole.Length; i++) Assert.Equal(whole[i], batched[i], 5);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_weights()
    {
        // lr so large the validation loss cannot keep improving: training must stop and report the best epoch.
        var o = Quick with { Epochs = 30, Patience = 2, LearningRate = 0.5, ClipNorm = 0 };
        using var f = new TorchForecaster(TemporalModelKind.Lstm, o, Fixtures.Options(24, 6));
        var val = Fixtures.Windows(16, 24, 6, 2);
        f.Fit(Fixtures.Windows(32, 24, 6), val, Fixtures.Context(), null, CancellationToken.None);
        var r = f.LastResult!;
        Assert.True(r.StoppedEarly);
        Assert.Equal(r.BestEpoch + 2, r.EpochsCompleted);
        var best = r.History.Single(e => e.Epoch == r.BestEpoch).ValidationLoss;
        using var data = new WindowTensors(val);
        Assert.Equal(best, Evaluation.Evaluate(f.Model!, data, 10, 64).Mse, 4);
    }

    [Fact]
    public void Keeping_the_last_weights_runs_every_epoch_and_ends_with_the_last()
    {
        // The same divergent schedule as above: with KeptWeights.Last nothing stops it and the last epoch's weights stay.
        var o = Quick with { Epochs = 8, Patience = 2, LearningRate = 0.5, ClipNorm = 0, Keep = KeptWeights.Last };
        using var f = new TorchForecaster(TemporalModelKind.Lstm, o, Fixtures.Options(24, 6));
        var val = Fixtures.Windows(16, 24, 6, 2);
        f.Fit(Fixtures.Windows(32, 24, 6), val, Fixtures.Context(), null, CancellationToken.None);
        var r = f.LastResult!;
        Assert.False(r.StoppedEarly);
        Assert.Equal(o.Epochs, r.EpochsCompleted);
        Assert.Equal(o.Epochs, r.BestEpoch);
        Assert.True(r.History.Min(e => e.ValidationLoss) < r.History[^1].ValidationLoss, "the fixture must have a better epoch than the last");
        using var data = new WindowTensors(val);
        Assert.Equal(r.History[^1].ValidationLoss, Evaluation.Evaluate(f.Model!, data, 10, 64).Mse, 4);
    }
}

/// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
