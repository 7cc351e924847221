using AqNet.Core.Baselines;
using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Metrics;
using AqNet.Core.Store;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Impute;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;

namespace AqNet.Torch.Jobs.Temporal;

/// <summary>Options of `aqnet experiment temporal`.</summary>
public sealed record TemporalJobOptions
{
    public required string StorePath { get; init; }
    public required string Protocol { get; init; }
    public required string OutputDir { get; init; }
    public int Seeds { get; init; } = 1;
    /// <summary>The models to run; null or empty = <see cref="TemporalModels.Default"/>.</summary>
    public IReadOnlyList<TemporalModelKind>? Models { get; init; }
    public bool Quick { get; init; }
    public bool Meteorology { get; init; }
    public bool ExcludeTargetHistory { get; init; }
    /// <summary>Neural models predict the change from PM2.5's last value (off = the paper's plain head).</summary>
    public bool Residual { get; init; } = true;
    /// <summary>Neural models add a linear path from the recent window to the horizon (<see cref="Nn.LinearSkip"/>).</summary>
    public bool LinearSkip { get; init; } = true;
    /// <summary>Training schedule of the neural models; null = <see cref="TemporalJob.DefaultTraining"/> for the protocol.</summary>
    public TrainOptions? Train { get; init; }
    /// <summary>Maximum epochs of aqnet-st (when asked for with --models); null = 6.</summary>
    public int? StEpochs { get; init; }
    /// <summary>The command as typed, recorded in results.json; null = a library call.</summary>
    public string? CommandLine { get; init; }
}

/// <summary>`aqnet experiment temporal`: the paper's Table 1 / Table 2 protocols with all seven models measured
/// in the same run, through the same windows, split and metrics.</summary>
public static class TemporalJob
{
    public static IReadOnlyList<string> AllModels { get; } = [.. TemporalModels.Default.Select(TemporalModels.Name)];

    /// <summary>Models run only when named in --models: the reanalysis model aqnet-st, forecasting by masking the hours
    /// after each window (hourly protocols).</summary>
    public static IReadOnlyList<string> OptionalModels { get; } = [.. TemporalModels.Optional.Select(TemporalModels.Name)];

    public static ExperimentResult Run(TemporalJobOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        var models = o.Models is { Count: > 0 } m ? m : TemporalModels.Default;
        foreach (var k in models)
            if (!Enum.IsDefined(k)) throw new InputException($"unknown model {(int)k}; expected some of {string.Join(", ", AllModels.Concat(OptionalModels))}");
        var protocol = Protocol.Get(o.Protocol);
        if (o.Seeds is < 1 or > 100) throw new InputException($"--seeds {o.Seeds}: expected a whole number from 1 to 100");
        Panel panel;
        using (var store = AqStore.OpenRead(o.StorePath))
            panel = PanelLoader.Load(store, null, o.Meteorology ? Variables.All : Variables.Pollutants);
        CheckLength(panel, protocol, o.StorePath);
        Directory.CreateDirectory(o.OutputDir);
        if (!models.All(TemporalModels.IsBaseline)) TorchRuntime.EnsureLoaded();
        var options = new TemporalExperimentOptions
        {
            Protocol = protocol.Name, OutputDir = o.OutputDir, Seeds = [.. Enumerable.Range(0, o.Seeds)], Quick = o.Quick,
            IncludeMeteorology = o.Meteorology, IncludeTargetHistory = !o.ExcludeTargetHistory,
            OnModelFitted = f => Figures(f, progress), CommandLine = o.CommandLine,
        };
        var train = o.Train ?? DefaultTraining(protocol);
        var stTrain = new StTrainOptions { Epochs = o.StEpochs ?? 6 };
        using var st = new StForecasts(panel, new StOptions(), o.Quick ? stTrain.ForQuick() : stTrain);
        return TemporalExperiment.Run(panel, options, [.. models.Select(TemporalModels.Name)], (name, seed) => TemporalModels.Parse(name) switch
        {
            TemporalModelKind.AqnetSt => new StForecaster(st),
            var k => Create(k, seed, train, o.Residual, o.LinearSkip),
        }, progress, ct);
    }

    /// <summary>The attention figures are an extra: if drawing them fails, say so and keep the results.</summary>
    private static void Figures(FittedModel fitted, IProgress<string>? progress)
    {
        try
        {
            Analysis.AttentionFigures.OnModelFitted(fitted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            progress?.Report($"warning: attention figures for {fitted.Model.Name} {fitted.Horizon} failed: {e.Message}");
        }
    }

    /// <summary>A clear error when the store is too short to split for this protocol.</summary>
    internal static void CheckLength(Panel panel, Protocol protocol, string storePath)
    {
        var minimum = (protocol.W + protocol.Horizons.Max() * protocol.StepHours) * 10;
        if (panel.Hours < minimum)
            throw new InputException($"store '{storePath}' covers {panel.Hours} hours; protocol {protocol.Name} needs at least {minimum} " +
                                     $"(ten times its {protocol.W} h window plus the longest horizon) to split into training, validation and test");
    }

    /// <summary>The neural models' schedule for a protocol, each value overridable. table1 (24 h windows, ~290,000
    /// training windows): 15 epochs of 600 batches at lr 1e-3. table2 (336 h windows, ~11,600 training windows, 50–80
    /// samples/s on one thread): 10 epochs of 150 batches at lr 3e-4, chosen on validation: its mean best validation
    /// loss over 2, 4 and 7 days was 0.830 against 0.838 at lr 1e-3 (docs/results.md).</summary>
    public static TrainOptions DefaultTraining(string protocol, int? epochs = null, int? batchesPerEpoch = null, double? learningRate = null) =>
        DefaultTraining(Protocol.Get(protocol), epochs, batchesPerEpoch, learningRate);

    /// <inheritdoc cref="DefaultTraining(string, int?, int?, double?)"/>
    public static TrainOptions DefaultTraining(Protocol protocol, int? epochs = null, int? batchesPerEpoch = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var daily = protocol.Daily;
        return new TrainOptions
        {
            Epochs = epochs ?? (daily ? 10 : 15),
            MaxBatchesPerEpoch = batchesPerEpoch ?? (daily ? 150 : 600),
            LearningRate = learningRate ?? (daily ? 3e-4 : 1e-3),
            Patience = 3,
        };
    }

    /// <summary>Baselines from Core, neural models from AqNet.Torch, each seeded.</summary>
    public static IForecaster Create(TemporalModelKind kind, int seed, TrainOptions train, bool residual = true, bool linearSkip = true) =>
        BaselineFactory.TryCreate(kind) ?? (kind == TemporalModelKind.AqnetSt
            ? throw new ArgumentOutOfRangeException(nameof(kind), kind, "aqnet-st forecasts through StForecaster, which shares its fits across horizons")
            : Neural(kind, seed, train, residual, linearSkip));

    private static IForecaster Neural(TemporalModelKind kind, int seed, TrainOptions train, bool residual, bool linearSkip) => kind == TemporalModelKind.PatchTst
            // PatchTST encodes every channel separately (B × F sequences per batch), so at AQ-Net's width it trains far
            // slower than AQ-Net (docs/benchmarks.md): it gets d_model 32, one layer, a quarter of the batches.
            ? new TorchForecaster(kind, train with { Seed = seed, MaxBatchesPerEpoch = Math.Max(1, train.MaxBatchesPerEpoch / 4) },
                new AqNetOptions { InputFeatures = 1, Horizon = 1, Hidden = 32, Layers = 1, Heads = 4 }) { Residual = residual, LinearSkip = linearSkip }
            : new TorchForecaster(kind, train with { Seed = seed }) { Residual = residual, LinearSkip = linearSkip };

    /// <summary>The network's local UTC offset, from the time zone its source recorded (cyclic encoding and
    /// climatology follow local time: Chinese sources are UTC+8, the US EPA file is UTC).</summary>
    internal static int UtcOffset(AqStore store) => StoreReader.UtcOffsetHours(StoreReader.Stations(store));

    /// <summary>The pooled rows as a short table for the terminal; the full tables are in report.md.</summary>
    public static string Summary(ExperimentResult result, string outputDir)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(Fmt.Inv, $"{result.Protocol.Name}, errors pooled over steps 1..h, µg/m³ on the test part:");
        sb.AppendLine(Fmt.Inv, $"{"model",-12} {"horizon",7} {"MAE",7} {"RMSE",7} {"R²",6} {"n",9}");
        foreach (var row in result.Rows.Where(r => r.Aggregation == Aggregation.Pooled))
            sb.AppendLine(Fmt.Inv, $"{row.Model,-12} {row.Horizon,7} {Fmt.F(row.Mae, 2),7} {Fmt.F(row.Rmse, 2),7} {Fmt.F(row.R2, 3),6} {row.N,9}");
        sb.AppendLine($"results: {Path.Combine(outputDir, "results.json")}, report: {Path.Combine(outputDir, "report.md")}");
        return sb.ToString();
    }
}
