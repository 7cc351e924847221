using System.Diagnostics;
using AqNet.Core.Data;
using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Trains a <see cref="ForecastModel"/> with AdamW on the masked MSE, early-stops on the validation loss and
/// leaves the best validation weights in the model. Owns loss, optimiser and metrics; the model only computes forward.
/// With a WorkDir it writes epochs.csv and resume.ckpt after every complete epoch.</summary>
public sealed partial class Trainer : IDisposable
{
    private readonly ForecastModel model;
    private readonly TrainOptions options;
    private readonly Parameter[] parameters;
    private readonly AdamW optimizer;
    private readonly WeightAverage? average;

    public Trainer(ForecastModel model, string kind, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureLoaded();
        if (options.Threads > 0) set_num_threads(options.Threads);
        this.model = model;
        this.options = options;
        Kind = kind;
        parameters = [.. model.parameters()];
        optimizer = optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        if (options.AverageDecay > 0) average = new WeightAverage(parameters, options.AverageDecay);
    }

    public string Kind { get; }

    /// <summary>One optimiser step on a batch (model must be in train mode). x: [B, W, F]; y, mask: [B, H].
    /// Returns the batch's masked MSE.</summary>
    public float TrainStep(Tensor x, Tensor y, Tensor mask)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var pred = model.forward(x);                                  // [B, H]
        var loss = MaskedLoss.Mse(pred, y, mask);
        loss.backward();
        if (options.ClipNorm > 0) GradientClip.ByGlobalNorm(parameters, options.ClipNorm);
        optimizer.step();
        average?.Update();
        return loss.item<float>();
    }

    public TrainResult Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress,
        CancellationToken ct, string? fingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(context);
        if (train.N == 0) throw new ArgumentException("no training windows", nameof(train));
        fingerprint ??= DataFingerprint.Of(train, context);
        var seed = options.Seed ?? context.Seed;
        using var trainData = new WindowTensors(train);
        using var valAll = validation.N > 0 ? new WindowTensors(validation) : null;
        // Early stopping needs a stable estimate, not every window: evenly spaced rows keep every season and station.
        using var valData = valAll?.Subset(options.MaxValidationWindows);
        var run = StartOrResume(train, context, seed, fingerprint, progress);
        var resumedAfter = run.NextEpoch > 0 ? run.NextEpoch : (int?)null;
        var bar = new ProgressBar();
        for (var epoch = run.NextEpoch; epoch < options.Epochs && !run.Stopped(options.Patience); epoch++)
        {
            var clock = Stopwatch.StartNew();
            var lr = options.LearningRateAt(epoch);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            var (trainLoss, samples) = RunEpoch(trainData, seed, epoch, bar, ct);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            average?.Swap();   // validate (and keep as best) the averaged weights, then train on from the iterate
            var (valLoss, valMae) = valData is null ? (trainLoss, double.NaN)
                : Evaluation.Evaluate(model, valData, context.TargetStd, options.EvalBatchSize);
            run.EndEpoch(model, new EpochRecord(epoch + 1, trainLoss, valLoss, valMae, clock.Elapsed.TotalSeconds, lr));
            average?.Swap();
            Persist(run, context, fingerprint, train);
            progress?.Report(EpochLine(run.History[^1], samples / trainSeconds));
        }
        run.RestoreBest(model);
        model.eval();
        return new TrainResult(run.History, run.BestEpoch, run.BestLoss, run.Stopped(options.Patience), resumedAfter);
    }

    // One pass over a seeded shuffle of the training rows; returns the sample-weighted mean batch loss and the samples seen.
    private (double Loss, long Samples) RunEpoch(WindowTensors data, int seed, int epoch, ProgressBar bar, CancellationToken ct)
    {
        model.train();
        using var order = tensor(Shuffle(data.N, seed, epoch));      // [N] int64
        var batches = (data.N + options.BatchSize - 1) / options.BatchSize;
        if (options.MaxBatchesPerEpoch > 0) batches = Math.Min(batches, options.MaxBatchesPerEpoch);
        double sum = 0;
        long samples = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var start = (long)b * options.BatchSize;
            var idx = order.narrow(0, start, Math.Min(options.BatchSize, data.N - start));
            var (x, y, m) = data.Batch(idx);
            sum += TrainStep(x, y, m) * idx.shape[0];
            samples += idx.shape[0];
            bar.Update(epoch + 1, b + 1, batches, sum / samples, samples, clock.Elapsed.TotalSeconds);
        }
        bar.Clear();
        return (sum / samples, samples);
    }

    /// <summary>Fisher–Yates with a generator seeded from (seed, epoch): the same order on every run and after a resume.</summary>
    internal static long[] Shuffle(int n, int seed, int epoch)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + epoch));
        var order = new long[n];
        for (var i = 0; i < n; i++) order[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static string EpochLine(EpochRecord e, double samplesPerSecond) =>
        $"epoch {e.Epoch.ToString(Fmt.Inv)}: train {Fmt.F(e.TrainLoss, 4)}, val {Fmt.F(e.ValidationLoss, 4)}, " +
        $"val MAE {Fmt.F(e.ValidationMaeUgm3, 2)} µg/m³, lr {Fmt.D(e.LearningRate, "G3")}, {Fmt.F(e.Seconds, 1)} s, " +
        $"{Fmt.F(samplesPerSecond, 0)} samples/s";

    public void Dispose()
    {
        average?.Dispose();
        optimizer.Dispose();
    }
}
