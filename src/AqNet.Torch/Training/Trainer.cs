using AqNet.Core.Data;
using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Trains a <see cref="ForecastModel"/> through the <see cref="TrainingEngine"/> with a
/// <see cref="ForecastTask"/>: AdamW on the masked MSE, early stopping on the validation loss, the best validation
/// weights left in the model. With a WorkDir the engine writes epochs.csv and resume.ckpt after every complete epoch.</summary>
public sealed class Trainer : IDisposable
{
    private readonly ForecastModel model;
    private readonly TrainOptions options;
    private readonly TrainingEngine engine;

    public Trainer(ForecastModel model, string kind, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(options);
        this.model = model;
        this.options = options;
        Kind = kind;
        engine = new TrainingEngine(model, options);
    }

    public string Kind { get; }

    /// <summary>One optimiser step on a batch (model must be in train mode). x: [B, W, F]; y, mask: [B, H].
    /// Returns the batch's masked MSE.</summary>
    public float TrainStep(Tensor x, Tensor y, Tensor mask) =>
        engine.Step(() => (MaskedLoss.Mse(model.forward(x), y, mask), (int)x.shape[0]));

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
        using var task = new ForecastTask(model, Kind, trainData, valData, context.TargetStd, options, seed, fingerprint);
        return engine.Fit(task, seed, context.WorkDir, progress, ct);
    }

    /// <summary>A checkpoint header for a model trained on train: target scaler, stations, feature names, fingerprint.</summary>
    public static CheckpointInfo Describe(string kind, AqNetOptions options, WindowSet train, WindowContext context,
        string fingerprint, int epoch, double? validationLoss) => new()
    {
        Kind = kind,
        Options = options,
        TargetMean = context.TargetMean,
        TargetStd = context.TargetStd,
        // Panel station ids when the context has them, else the station indices.
        Stations = [.. train.Station.Distinct().Order().Select(s => s < context.StationIds.Count ? context.StationIds[s] : s.ToString(Fmt.Inv))],
        FeatureNames = [.. train.FeatureNames],
        Fingerprint = fingerprint,
        Epoch = epoch,
        ValidationLoss = validationLoss,
        CreatedUtc = Fmt.Utc(DateTime.UtcNow),
    };

    public void Dispose() => engine.Dispose();
}
