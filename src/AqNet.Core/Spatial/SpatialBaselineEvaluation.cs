using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Options of <see cref="SpatialBaselineEvaluation"/>. Hour ranges are panel indices, [Start, End).</summary>
public sealed record SpatialEvaluationOptions
{
    public string Variable { get; init; } = Variables.Pm25;
    public SpatialProtocol Protocol { get; init; } = SpatialProtocol.Loso();

    /// <summary>Hours estimated and scored; null = the last <see cref="TestFraction"/> of the panel's hours.</summary>
    public (int Start, int End)? TestHours { get; init; }

    public double TestFraction { get; init; } = 0.2;

    /// <summary>Hours fitted models learn from (kriging's variogram); null = every hour before the test hours.</summary>
    public (int Start, int End)? TrainHours { get; init; }

    /// <summary>Also score "ahead" h hours: the estimate from the visible stations at issue hour t (what an
    /// interpolator knows then) against the hidden station's observation at t + h, for t + h inside the test hours.</summary>
    public IReadOnlyList<int> AheadHours { get; init; } = [];
}

/// <summary>Scores classical interpolators at held-out stations: for each fold of the protocol, each test hour and each
/// hidden station observed that hour, every model estimates the station from the visible stations observed that same
/// hour (task "nowcast", horizon "0h"); with <see cref="SpatialEvaluationOptions.AheadHours"/> that estimate is also scored
/// against the observation h hours later (task "ahead": the interpolated field persisted). Models are fitted per fold on
/// the training hours of the visible stations only.</summary>
public static class SpatialBaselineEvaluation
{
    /// <summary>mean, nearest, idw (power 2, all neighbours), kriging (exponential, 16 nearest).</summary>
    public static IReadOnlyList<ISpatialInterpolator> DefaultModels() =>
        [new MeanInterpolator(), new NearestInterpolator(), new IdwInterpolator(), new KrigingInterpolator()];

    /// <summary>Rows per model: the pooled row (station "all", over every hidden station and hour) first, then each hidden station in
    /// station-list order. Cells where the hidden station is not observed, or no visible station is, are not scored.</summary>
    public static IReadOnlyList<SpatialMetricRow> Run(Panel panel, SpatialEvaluationOptions? options = null,
        IReadOnlyList<ISpatialInterpolator>? models = null, CancellationToken ct = default)
    {
        options ??= new SpatialEvaluationOptions();
        models ??= DefaultModels();
        if (models.Count == 0) throw new ArgumentException("expected at least one model", nameof(models));
        var (test, train) = Ranges(panel, options);
        var v = panel.VariableIndex(options.Variable);
        var baseTrain = SpatialTrainingData.FromPanel(panel, options.Variable, train.Start, train.End);
        var index = new KnnIndex(panel.Stations);
        var slice = FoldEstimator.TestSlice.Of(panel, v, test);
        if (options.AheadHours.Any(h => h < 1)) throw new InputException($"ahead hours {string.Join(",", options.AheadHours)}: expected whole numbers >= 1");
        int[] horizons = [0, .. options.AheadHours];
        var pooled = horizons.Select(_ => models.Select(_ => new SpatialErrorSums()).ToArray()).ToArray();   // [horizon][model]
        var perStation = new SortedDictionary<int, SpatialErrorSums[][]>();
        foreach (var fold in options.Protocol.Folds(panel.Stations))
        {
            ct.ThrowIfCancellationRequested();
            var foldTrain = baseTrain.WithHidden(fold.Hidden);
            foreach (var m in models) m.Fit(foldTrain);
            var est = FoldEstimator.Estimate(panel, slice, fold, index, models, everyHour: horizons.Length > 1);
            for (var h = 0; h < fold.Hidden.Length; h++)
            {
                var sums = perStation[fold.Hidden[h]] = [.. horizons.Select(_ => models.Select(_ => new SpatialErrorSums()).ToArray())];
                for (var q = 0; q < horizons.Length; q++)
                    for (var t = test.Start; t + horizons[q] < test.End; t++)
                    {
                        var p = panel.Index(t + horizons[q], fold.Hidden[h], v);
                        if (!panel.Mask[p]) continue;
                        for (var m = 0; m < models.Count; m++)
                        {
                            var e = est[(m * fold.Hidden.Length + h) * (test.End - test.Start) + t - test.Start];
                            if (float.IsNaN(e)) continue;
                            sums[q][m].Add(panel.Values[p], e);
                            pooled[q][m].Add(panel.Values[p], e);
                        }
                    }
            }
        }
        var rows = new List<SpatialMetricRow>();
        for (var q = 0; q < horizons.Length; q++)
        {
            var task = SpatialTasks.Of(horizons[q]);
            for (var m = 0; m < models.Count; m++)
            {
                rows.Add(pooled[q][m].Row(models[m].Name, task, horizons[q], SpatialMetricRow.AllStations));
                foreach (var (s, sums) in perStation) rows.Add(sums[q][m].Row(models[m].Name, task, horizons[q], panel.Stations[s].Id));
            }
        }
        return rows;
    }

    private static ((int Start, int End) Test, (int Start, int End) Train) Ranges(Panel panel, SpatialEvaluationOptions o)
    {
        if (!(o.TestFraction > 0 && o.TestFraction <= 1))
            throw new InputException($"test fraction {Fmt.D(o.TestFraction)} is not allowed; expected a number in (0, 1], e.g. 0.2");
        var test = o.TestHours ?? (panel.Hours - (int)Math.Round(panel.Hours * o.TestFraction, MidpointRounding.AwayFromZero), panel.Hours);
        if (test.Start < 0 || test.End > panel.Hours || test.Start >= test.End)
            throw new InputException($"test hours [{test.Start}, {test.End}) are not a non-empty range within the panel's [0, {panel.Hours})");
        var train = o.TrainHours ?? (0, test.Start);
        if (train.Start < 0 || train.End > panel.Hours || train.Start >= train.End)
            throw new InputException($"training hours [{train.Start}, {train.End}) are not a non-empty range within the panel's [0, {panel.Hours}); kriging fits its variogram there");
        return (test, train);
    }
}
