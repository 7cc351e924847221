using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Metrics;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;

namespace AqNet.Torch.Jobs;

/// <summary>Options of `aqnet train`: one neural model, one protocol and horizon.</summary>
public sealed record TrainJobOptions
{
    public required string StorePath { get; init; }
    public required string OutputDir { get; init; }
    public string Model { get; init; } = ModelFactory.AqNet;
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
            throw new InputException($"unknown model '{o.Model}'; `aqnet train` trains one of {string.Join(", ", ModelFactory.Kinds)}");
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
        return $"trained {o.Model} for {data.Protocol.Name} {data.Protocol.Label(data.Horizon)}: validation MAE {Fmt.F(metrics.Mae, 2)} µg/m³, " +
               $"RMSE {Fmt.F(metrics.Rmse, 2)}, R² {Fmt.F(metrics.R2, 3)} (n = {metrics.N})\ncheckpoint: {path}\nepochs: {Path.Combine(o.OutputDir, "epochs.csv")}\n";
    }

    public static string Evaluate(string checkpointPath, string storePath, bool meteorology = false)
    {
        if (!File.Exists(checkpointPath)) throw new InputException($"checkpoint '{checkpointPath}' does not exist");
        TorchRuntime.EnsureLoaded();
        var info = Checkpoint.ReadInfo(checkpointPath);
        var parts = info.Fingerprint.Split('|');
        if (parts.Length != 4)
            throw new InputException($"checkpoint '{checkpointPath}' has fingerprint '{info.Fingerprint}', not one written by `aqnet train`");
        var horizon = int.Parse(parts[2].TrimEnd('h', 'd'), Fmt.Inv);
        var data = TemporalData.Prepare(storePath, parts[1], horizon, parts[3] == "met", null);
        using var model = TorchForecaster.Load(checkpointPath, data.Fingerprint);
        var pred = model.Predict(data.Test, data.Context);
        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"{info.Kind} on {storePath}, {data.Protocol.Name} {parts[2]}, test part ({data.Test.N} windows), µg/m³:");
        foreach (var agg in new[] { Aggregation.Pooled, Aggregation.At })
        {
            var m = MaskedMetrics.Evaluate(data.Test, pred, data.Context, agg);
            sb.AppendLine(Fmt.Inv, $"{MaskedMetrics.Name(agg),-7} MAE {Fmt.F(m.Mae, 2)}  RMSE {Fmt.F(m.Rmse, 2)}  R² {Fmt.F(m.R2, 3)}  n {m.N}");
        }
        return sb.ToString();
    }
}
