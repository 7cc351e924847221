using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Metrics;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using AqNet.Torch.Jobs.Temporal;

namespace AqNet.Torch.Jobs.Train;

/// <summary>Options of `aqnet train`: one neural model, one protocol and horizon.</summary>
public sealed record TrainJobOptions
{
    public required string StorePath { get; init; }
    public required string OutputDir { get; init; }
    public TemporalModelKind Model { get; init; } = TemporalModelKind.Aqnet;
    public string Protocol { get; init; } = "table1";
    public int? Horizon { get; init; }
    public bool Meteorology { get; init; }
    /// <summary>Add the linear path from the recent window to the horizon (<see cref="LinearSkip"/>).</summary>
    public bool LinearSkip { get; init; } = true;
    public TrainOptions Train { get; init; } = new() { Epochs = 20, MaxBatchesPerEpoch = 600, Patience = 4 };
}

/// <summary>`aqnet train` and `aqnet evaluate`. The checkpoint (OutputDir/model.ckpt) stores the weights, the
/// options, the scalers, the station list and a fingerprint of the store, protocol and horizon; evaluate refuses a
/// checkpoint whose fingerprint does not match the store it is given.</summary>
public static class TrainJob
{
    public static string Train(TrainJobOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        if (!ModelFactory.Kinds.Contains(o.Model))
            throw new InputException($"unknown model '{TemporalModels.Name(o.Model)}'; `aqnet train` trains one of {ModelFactory.KindNames}");
        TorchRuntime.EnsureLoaded();
        Directory.CreateDirectory(o.OutputDir);
        var data = TemporalData.Prepare(o.StorePath, o.Protocol, o.Horizon, o.Meteorology, o.OutputDir);
        progress?.Report($"{data.Protocol.Name} {data.Protocol.Label(data.Horizon)}: windows train {data.Train.N}, validation {data.Validation.N}, test {data.Test.N}");
        using var model = new TorchForecaster(o.Model, o.Train)
        {
            LinearSkip = o.LinearSkip,
            Fingerprint = data.Fingerprint,
            FeatureScalers = JsonDocument.Parse(data.Scaler.ToJson()).RootElement.Clone(),
        };
        model.Fit(data.Train, data.Validation, data.Context, progress, ct);
        var metrics = MaskedMetrics.Evaluate(data.Validation, model.Predict(data.Validation, data.Context), data.Context, Aggregation.Pooled);
        var path = Path.Combine(o.OutputDir, TorchForecaster.CheckpointFileName);
        return $"trained {TemporalModels.Name(o.Model)} for {data.Protocol.Name} {data.Protocol.Label(data.Horizon)}: validation MAE {Fmt.F(metrics.Mae, 2)} µg/m³, " +
               $"RMSE {Fmt.F(metrics.Rmse, 2)}, R² {Fmt.F(metrics.R2, 3)} (n = {metrics.N})\ncheckpoint: {path}\nepochs: {Path.Combine(o.OutputDir, "epochs.csv")}\n";
    }

    /// <summary>Scores a model written by <see cref="Train"/> on the test part of the store it was trained on.
    /// <paramref name="model"/> is its folder (`aqnet train --out`) or the model.ckpt in it.</summary>
    public static EvaluationReport Evaluate(string model, string storePath, string? commandLine = null)
    {
        var checkpointPath = Directory.Exists(model) ? Path.Combine(model, TorchForecaster.CheckpointFileName) : model;
        if (!File.Exists(checkpointPath))
            throw new InputException(Directory.Exists(model)
                ? $"model folder '{model}' holds no {TorchForecaster.CheckpointFileName}; expected a folder written by `aqnet train --out`"
                : $"model '{model}' does not exist; expected a folder written by `aqnet train --out` (or the {TorchForecaster.CheckpointFileName} in it)");
        TorchRuntime.EnsureLoaded();
        var info = Checkpoint.ReadInfo(checkpointPath);
        var trained = TrainFingerprint.TryParse(info.Fingerprint)
            ?? throw new InputException($"checkpoint '{checkpointPath}' has fingerprint '{info.Fingerprint}', not one written by `aqnet train`");
        var data = TemporalData.Prepare(storePath, trained.Protocol, trained.Steps, trained.Meteorology, null);
        using var forecaster = TorchForecaster.Load(checkpointPath, data.Fingerprint);
        var pred = forecaster.Predict(data.Test, data.Context);
        var rows = new[] { Aggregation.Pooled, Aggregation.At }
            .Select(agg => EvaluationRow.Of(agg, MaskedMetrics.Evaluate(data.Test, pred, data.Context, agg))).ToArray();
        return new EvaluationReport(RunInfo.Now(commandLine), info.Kind, checkpointPath, storePath, data.Protocol.Name, trained.Horizon, data.Test.N, rows);
    }
}
