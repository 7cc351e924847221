using AqNet.Core.Data;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Spatial;
using AqNet.Core.Splitting;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs.Spatial;

/// <summary>The protocol of a spatial experiment, as results.json's "protocol" object and as sentences for report.md.</summary>
internal static class SpatialExperimentReport
{
    public static IReadOnlyDictionary<string, object?> ProtocolInfo(Panel panel, SpatialExperimentOptions o, SpatialProtocol protocol,
        IReadOnlyList<SpatialFold> folds, SpatialSplit split, NeuralKnnOptions knn, NeuralKnnTrainOptions train, int[] horizons,
        double baselineSeconds, double totalSeconds) => new Dictionary<string, object?>
    {
        ["name"] = protocol.Name,
        ["variable"] = Variables.Pm25,
        ["stations"] = panel.Stations.Select(s => s.Id).ToArray(),
        ["folds"] = folds.Select(f => f.Hidden.Select(h => panel.Stations[h].Id).ToArray()).ToArray(),
        ["panel_start_utc"] = Fmt.Utc(panel.StartUtc),
        ["panel_hours"] = panel.Hours,
        ["development"] = o.Development,   // true: the panel ends before the real test part
        ["split"] = new Dictionary<string, object>
        {
            ["train"] = Range(split.Train, panel), ["validation"] = Range(split.Validation, panel), ["test"] = Range(split.Test, panel),
            ["gap_hours"] = split.Gap, ["test_fraction"] = o.TestFraction, ["validation_fraction"] = o.ValidationFraction,
        },
        ["tasks"] = horizons.Select(h => h == 0 ? "nowcast 0h" : $"ahead {h}h").ToArray(),
        ["aqnet_knn"] = new Dictionary<string, object?>
        {
            ["inputs"] = knn.Variables, ["window_hours"] = knn.Window, ["k"] = knn.Ks, ["hidden"] = knn.Hidden,
            ["correction_scale"] = knn.CorrectionScale,
            ["pooling"] = knn.Pooling.ToString(), ["seeds"] = o.Seeds, ["quick"] = o.Quick,
            ["epochs_max"] = train.Epochs, ["steps_per_epoch"] = train.StepsPerEpoch, ["batch_hours"] = train.BatchHours,
            ["patience"] = train.Patience, ["loss"] = train.Loss == KnnLoss.Mse ? "masked MSE (scaled)" : "masked MAE (scaled)", ["learning_rate"] = train.LearningRate, ["weight_decay"] = train.WeightDecay,
            ["retrained_per_fold"] = true,
            ["saved_model"] = protocol.Kind == SpatialProtocolKind.Loso ? "model/ = the last fold's model" : "model/ = the holdout model",
        },
        ["baselines"] = "mean (all visible), nearest, idw (power 2, all visible), kriging (exponential, 16 nearest; variogram from the visible stations' hours before the test)",
        ["metrics"] = "MAE, RMSE in µg/m³ and R² = 1 − SSE/SST over the hidden stations' real observations in the test hours",
        ["wall_seconds"] = new Dictionary<string, double> { ["baselines"] = Math.Round(baselineSeconds, 1), ["total"] = Math.Round(totalSeconds, 1) },
    };

    public static IReadOnlyList<string> Text(SpatialExperimentOptions o, SpatialProtocol protocol, SpatialSplit split,
        NeuralKnnOptions knn, NeuralKnnTrainOptions train, int folds) =>
    [
        .. o.Development ? ["**Development run**: only the hours before the real test part were used; the split below is of those hours."] : Array.Empty<string>(),
        protocol.Kind == SpatialProtocolKind.Loso
            ? $"Leave-one-station-out: {folds} folds; in each, one station is hidden and every other located station is visible."
            : $"Holdout: one fixed set of hidden stations ({(o.HiddenIds is { Count: > 0 } ? "given" : $"ratio {Fmt.D(o.HiddenRatio ?? 0.2)}, spread by farthest-point sampling, seed {o.HiddenSeed}")}).",
        $"Hours by time: training {split.Train}, validation {split.Validation} (early stopping of aqnet-knn only), test {split.Test} = the last {Fmt.D(o.TestFraction * 100)}% of hours; gaps of {split.Gap} h.",
        "Hidden stations are removed from the panel aqnet-knn trains on (scaler, neighbour sets, batches) and from the panel it infers from; they are scored only where they have real observations.",
        "Baselines estimate each hidden station at each test hour from the visible stations observed at that same hour (the kriging variogram is fitted on the visible stations' hours before the test).",
        $"aqnet-knn: each visible station's window of the last {knn.Window} h (including the hour itself) of {string.Join(", ", knn.Variables)} + masks + cyclic local time → shared temporal encoder (LSTM → self-attention → pooling); " +
        $"for a query the k nearest visible stations (great-circle) get learned softmax weights from their features, latest PM2.5 and geometry (distance, log-distance, bearing, crowding), starting from an IDW prior; " +
        (knn.KrigingBase
            ? "the decoder adds a learned residual to an ordinary-kriging estimate from the observed neighbours (variogram fitted on the visible stations' training hours), reading the interpolated feature, the weighted mean and spread and the geometry. "
            : "the decoder adds a learned residual to the weighted mean of the neighbours' PM2.5. ") +
        $"Estimate = mean over k = {string.Join(", ", knn.Ks)} (capped at the visible stations)" +
        (knn.CorrectionScale != 1 ? $"; at inference the learned correction is multiplied by {Fmt.D(knn.CorrectionScale)} (shrinkage towards the base)." : "."),
        $"aqnet-knn training: retrained for every fold; masked {(train.Loss == KnnLoss.Mse ? "MSE" : "MAE")} loss in scaled units, AdamW lr {Fmt.D(train.LearningRate)}, ≤ {train.Epochs} epochs of {train.StepsPerEpoch} batches × {train.BatchHours} hours, every visible station a pseudo-hidden target excluded from its own neighbours; early stopping (patience {train.Patience}) on the validation hours. Seeds: {o.Seeds}{(o.Quick ? " (quick mode)" : "")}.",
        protocol.Kind == SpatialProtocolKind.Loso ? "model/ holds the last fold's model (trained without that fold's station)." : "model/ holds the holdout model.",
        "Metrics in µg/m³: MAE, RMSE, R² = 1 − SSE/SST (SST about the row's own observations).",
    ];

    private static Dictionary<string, object> Range(HourRange r, Panel panel) => new()
    {
        ["start"] = r.Start, ["end"] = r.End, ["start_utc"] = Fmt.Utc(panel.TimeAt(r.Start)), ["end_utc_exclusive"] = Fmt.Utc(panel.TimeAt(r.End)),
    };
}
