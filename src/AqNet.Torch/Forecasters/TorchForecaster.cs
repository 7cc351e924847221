using System.Text.Json;
using AqNet.Core.Experiments;
using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Forecasters;

/// <summary>IForecaster adapter for the windowed neural models (<see cref="ModelFactory.Kinds"/>). The AqNetOptions
/// given are a template: InputFeatures, Horizon, Window and the feature selection come from the training windows
/// (aqnet-no-ce drops every "cyc:" feature, the others read all features). With a WorkDir, Fit also writes
/// WorkDir/model.ckpt (best validation weights). WindowContext.Quick trains with <see cref="TrainOptions.ForQuick"/>.</summary>
public sealed class TorchForecaster : IForecaster, IDisposable
{
    public const string CheckpointFileName = "model.ckpt";

    private readonly AqNetOptions template;

    public TorchForecaster(TemporalModelKind kind, TrainOptions? train = null, AqNetOptions? model = null)
    {
        if (!ModelFactory.Kinds.Contains(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{TemporalModels.Name(kind)} is not a windowed neural forecaster; expected one of {ModelFactory.KindNames}");
        Kind = kind;
        Train = train ?? new TrainOptions();
        Train.Validate();
        template = model ?? new AqNetOptions { InputFeatures = 1, Horizon = 1 };
    }

    public TemporalModelKind Kind { get; }

    /// <summary>The model's name in results and checkpoints ("aqnet", "lstm", ...).</summary>
    public string Name => TemporalModels.Name(Kind);
    /// <summary>Predict the change from PM2.5's last value (see <see cref="AqNetOptions.ResidualFeature"/>); on by
    /// default when PM2.5's history is an input, off reproduces the paper's plain head.</summary>
    public bool Residual { get; init; } = true;
    /// <summary>Add the <see cref="LinearSkip"/> path (on by default; off reproduces the paper's plain network).</summary>
    public bool LinearSkip { get; init; } = true;
    public TrainOptions Train { get; }
    /// <summary>The trained (or loaded) model, in eval mode; null before Fit.</summary>
    public ForecastModel? Model { get; private set; }
    public CheckpointInfo? Info { get; private set; }
    public TrainResult? LastResult { get; private set; }
    /// <summary>Overrides the data fingerprint computed from the training windows (e.g. a hash of the input files).</summary>
    public string? Fingerprint { get; set; }
    /// <summary>Feature scalers stored verbatim in the checkpoint.</summary>
    public JsonElement? FeatureScalers { get; set; }

    public void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(context);
        TorchRuntime.EnsureLoaded();
        var useCyclic = Kind != TemporalModelKind.AqnetNoCe;
        var options = template with
        {
            InputFeatures = train.F, Horizon = train.H, Window = train.W, UseCyclic = useCyclic,
            FeatureIndices = AqNetOptions.SelectFeatures(train.FeatureNames, useCyclic),
            ResidualFeature = Residual ? context.TargetFeature : -1,
            ResidualSpan = Residual && context.TargetFeature >= 0 ? Math.Min(train.W, context.StepHours) : 1,
            LinearSkip = LinearSkip,
        };
        Model?.Dispose();
        // Seed before building the model so the initial weights are repeatable too.
        if (Train.Threads > 0) set_num_threads(Train.Threads);
        manual_seed(Train.Seed ?? context.Seed);
        Model = ModelFactory.Create(Kind, options);
        var fingerprint = Fingerprint ?? DataFingerprint.Of(train, context);
        using (var trainer = new Trainer(Model, Name, context.Quick ? Train.ForQuick() : Train))
            LastResult = trainer.Fit(train, validation, context, progress, ct, fingerprint);
        Info = Trainer.Describe(Name, options, train, context, fingerprint, LastResult.BestEpoch, LastResult.BestValidationLoss)
            with { FeatureScalers = FeatureScalers };
        if (context.WorkDir is not null) Checkpoint.Save(Path.Combine(context.WorkDir, CheckpointFileName), Model, Info);
    }

    public float[] Predict(WindowSet set, WindowContext context)
    {
        ArgumentNullException.ThrowIfNull(set);
        var model = Model ?? throw new InvalidOperationException($"{Name}: Predict before Fit or Load");
        return Evaluation.Predict(model, set, Train.EvalBatchSize);
    }

    public void SaveCheckpoint(string path)
    {
        var model = Model ?? throw new InvalidOperationException($"{Name}: nothing to save before Fit or Load");
        Checkpoint.Save(path, model, Info!);
    }

    /// <summary>A ready-to-predict forecaster from a checkpoint; see <see cref="Checkpoint.Load"/> for the fingerprint check.</summary>
    public static TorchForecaster Load(string path, string? expectedFingerprint, TrainOptions? train = null)
    {
        var (model, info, kind) = Checkpoint.Load(path, expectedFingerprint);
        return new TorchForecaster(kind, train, info.Options) { Model = model, Info = info, FeatureScalers = info.FeatureScalers };
    }

    public void Dispose() => Model?.Dispose();
}
