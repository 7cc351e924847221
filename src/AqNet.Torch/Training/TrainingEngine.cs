using System.Diagnostics;
using AqNet.Core.Data;
using AqNet.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>The one training loop of AqNet, for every model (the AQ-Net forecasters, the neural kNN, aqnet-st): AdamW,
/// the learning-rate schedule, gradient clipping, a moving average of the weights, early stopping on the validation
/// score with the best (averaged) weights restored at the end, seeds, progress lines, and, with a work directory,
/// epochs.csv and a checksummed resume.ckpt written atomically after every epoch, from which an interrupted run
/// continues to the same numbers as a run never interrupted. The model supplies an <see cref="ITrainingTask{TBatch}"/>.</summary>
public sealed partial class TrainingEngine : IDisposable
{
    private readonly nn.Module model;
    private readonly TrainOptions options;
    private readonly Parameter[] parameters;
    private readonly AdamW optimizer;
    private readonly WeightAverage? average;

    public TrainingEngine(nn.Module model, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TorchRuntime.EnsureLoaded();
        if (options.Threads > 0) set_num_threads(options.Threads);
        this.model = model;
        this.options = options;
        parameters = [.. model.parameters()];
        optimizer = optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay);
        if (options.AverageDecay > 0) average = new WeightAverage(parameters, options.AverageDecay);
    }

    public TrainOptions Options => options;

    /// <summary>One optimiser step (model in train mode): gradients of the loss <paramref name="forwardLoss"/> computes,
    /// clipping, AdamW, the weight average. Returns the loss.</summary>
    public float Step(Func<(Tensor Loss, int Samples)> forwardLoss)
    {
        ArgumentNullException.ThrowIfNull(forwardLoss);
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var (loss, _) = forwardLoss();
        loss.backward();
        if (options.ClipNorm > 0)
        {
            if (options.Clipping == ClipMethod.Torch) nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
            else GradientClip.ByGlobalNorm(parameters, options.ClipNorm);
        }
        optimizer.step();
        average?.Update();
        return loss.item<float>();
    }

    /// <summary>Trains to <see cref="TrainOptions.Epochs"/> or until early stopping and leaves the best validation
    /// weights in the model (eval mode). <paramref name="seed"/> seeds torch (with <see cref="TrainOptions.SeedTorch"/>)
    /// and the generator the task samples batches from. With <paramref name="workDir"/>, writes epochs.csv and (with
    /// <see cref="TrainOptions.SaveResumeState"/>) resume.ckpt there, and continues from resume.ckpt with
    /// <see cref="TrainOptions.Resume"/>.</summary>
    public TrainResult Fit<TBatch>(ITrainingTask<TBatch> task, int seed, string? workDir, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var run = StartOrResume(task, seed, workDir, progress);
        var resumedAfter = run.NextEpoch > 0 ? run.NextEpoch : (int?)null;
        var bar = new ProgressBar();
        for (var epoch = run.NextEpoch; epoch < options.Epochs && !run.Stopped(options.Patience); epoch++)
        {
            var clock = Stopwatch.StartNew();
            var lr = options.LearningRateAt(epoch);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            var (trainLoss, samples) = RunEpoch(task, epoch, run.Random, bar, ct);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            average?.Swap();   // validate (and keep as best) the averaged weights, then train on from the iterate
            model.eval();
            var v = task.Validate() ?? new ValidationScore(trainLoss, double.NaN);
            run.EndEpoch(model, new EpochRecord(epoch + 1, trainLoss, v.Score, v.MaeUgm3, clock.Elapsed.TotalSeconds, lr), options.Keep);
            average?.Swap();
            Persist(run, task, seed, workDir);
            progress?.Report(task.Label + EpochLine(run.History[^1], samples / trainSeconds));
        }
        run.RestoreBest(model);
        model.eval();
        return new TrainResult(run.History, run.BestEpoch, run.BestLoss, run.Stopped(options.Patience), resumedAfter);
    }

    // The epoch's batches; returns the mean training loss (per sample or per batch, as the task says) and the samples seen.
    private (double Loss, long Samples) RunEpoch<TBatch>(ITrainingTask<TBatch> task, int epoch, Random rng, ProgressBar bar, CancellationToken ct)
    {
        model.train();
        var batches = task.BeginEpoch(epoch);
        if (options.MaxBatchesPerEpoch > 0) batches = Math.Min(batches, options.MaxBatchesPerEpoch);
        double sum = 0;
        long samples = 0, weight = 0;
        var clock = Stopwatch.StartNew();
        for (var b = 0; b < batches; b++)
        {
            ct.ThrowIfCancellationRequested();
            var (loss, n) = TrainBatch(task, epoch, b, rng);
            var w = task.LossPerSample ? n : 1;
            sum += loss * w;
            weight += w;
            samples += n;
            bar.Update(epoch + 1, b + 1, batches, sum / weight, samples, clock.Elapsed.TotalSeconds);
        }
        bar.Clear();
        return (weight > 0 ? sum / weight : double.NaN, samples);
    }

    /// <summary>The task's next batch and one optimiser step on it (model in train mode): the loss and the samples.</summary>
    internal (float Loss, int Samples) TrainBatch<TBatch>(ITrainingTask<TBatch> task, int epoch, int step, Random rng)
    {
        using var scope = NewDisposeScope();
        var batch = task.NextTrainBatch(epoch, step, rng);
        var n = 0;
        var loss = Step(() =>
        {
            var r = task.ForwardLoss(batch, rng);
            n = r.Samples;
            return r;
        });
        return (loss, n);
    }

    private static string EpochLine(EpochRecord e, double samplesPerSecond) =>
        $"epoch {e.Epoch.ToString(Fmt.Inv)}: train {Fmt.F(e.TrainLoss, 4)}, val {Fmt.F(e.ValidationLoss, 4)}, " +
        (double.IsNaN(e.ValidationMaeUgm3) ? "" : $"val MAE {Fmt.F(e.ValidationMaeUgm3, 2)} µg/m³, ") +
        $"lr {Fmt.D(e.LearningRate, "G3")}, {Fmt.F(e.Seconds, 1)} s, {Fmt.F(samplesPerSecond, 0)} samples/s";

    public void Dispose()
    {
        average?.Dispose();
        optimizer.Dispose();
    }
}
