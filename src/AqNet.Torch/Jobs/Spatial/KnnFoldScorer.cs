using AqNet.Core.Data;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Spatial;
using AqNet.Core.Splitting;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs.Spatial;

/// <summary>Trains the neural kNN for one fold (hidden stations removed from the panel it sees) and scores it at the
/// hidden stations on the test hours against their real observations only. For horizon h the issue hours are the test
/// hours t with t + h still in the test part.</summary>
internal static class KnnFoldScorer
{
    /// <summary>Adds errors to pooled[h] and perStation[station][h] (h = index into options.Horizons), and the nowcasts
    /// to predictions; returns the model.</summary>
    public static NeuralKnnEstimator Run(Panel panel, SpatialFold fold, SpatialSplit split, NeuralKnnOptions options,
        NeuralKnnTrainOptions train, SpatialErrorSums[] pooled, IDictionary<int, SpatialErrorSums[]> perStation,
        IProgress<string>? progress, CancellationToken ct, ICollection<SpatialPrediction>? predictions = null, int seed = 0)
    {
        var hiddenIds = fold.Hidden.Select(h => panel.Stations[h].Id).ToArray();
        var est = NeuralKnnEstimator.Train(panel, hiddenIds, split.Train, split.Validation, options, train, progress, ct);
        try
        {
            var visible = PanelStations.WithoutHidden(panel, hiddenIds);   // inference sees no hidden data either
            var points = fold.Hidden.Select(h => GeoPoint.Of(panel.Stations[h])!.Value).ToArray();
            var e = est.Estimate(visible, points, split.Test.Start, split.Test.End);
            var v = panel.VariableIndex(Variables.Pm25);
            var hz = est.Options.Horizons;
            for (var j = 0; j < fold.Hidden.Length; j++)
            {
                if (!perStation.TryGetValue(fold.Hidden[j], out var sums))
                    perStation[fold.Hidden[j]] = sums = [.. hz.Select(_ => new SpatialErrorSums())];
                for (var t = split.Test.Start; t < split.Test.End; t++)
                    for (var q = 0; q < hz.Length; q++)
                    {
                        if (t + hz[q] >= split.Test.End) continue;
                        var i = panel.Index(t + hz[q], fold.Hidden[j], v);
                        var y = e.Mean[e.Index(t - split.Test.Start, j, q)];
                        if (hz[q] == 0 && !float.IsNaN(y))
                            predictions?.Add(new SpatialPrediction(panel.Stations[fold.Hidden[j]].Id, panel.TimeAt(t), seed,
                                panel.Mask[i] ? panel.Values[i] : float.NaN, y, e.Spread[e.Index(t - split.Test.Start, j, q)]));
                        if (!panel.Mask[i] || float.IsNaN(y)) continue;   // real observations only
                        sums[q].Add(panel.Values[i], y);
                        pooled[q].Add(panel.Values[i], y);
                    }
            }
            return est;
        }
        catch
        {
            est.Dispose();
            throw;
        }
    }

    /// <summary>Rows per horizon: the pooled row then each hidden station (station-list order), averaged over seeds.</summary>
    public static IEnumerable<SpatialMetricRow> Rows(Panel panel, IReadOnlyList<int> horizons,
        IReadOnlyList<(SpatialErrorSums[] Pooled, SortedDictionary<int, SpatialErrorSums[]> PerStation)> seeds)
    {
        for (var q = 0; q < horizons.Count; q++)
        {
            var task = SpatialTasks.Of(horizons[q]);
            yield return Mean(seeds.Select(s => s.Pooled[q].Row(ModelName, task, horizons[q], SpatialMetricRow.AllStations)));
            foreach (var st in seeds[0].PerStation.Keys)
                yield return Mean(seeds.Select(s => s.PerStation[st][q].Row(ModelName, task, horizons[q], panel.Stations[st].Id)));
        }
    }

    public const string ModelName = "aqnet-knn";

    private static SpatialMetricRow Mean(IEnumerable<SpatialMetricRow> rows)
    {
        var r = rows.ToArray();
        return r[0] with { Mae = r.Average(x => x.Mae), Rmse = r.Average(x => x.Rmse), R2 = r.Average(x => x.R2) };
    }
}
