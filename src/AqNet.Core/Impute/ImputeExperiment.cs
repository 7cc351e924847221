using System.Diagnostics;
using AqNet.Core.Data;

namespace AqNet.Core.Impute;

/// <summary>A model to run: how to make one for a seed, and whether seeds change it (the baselines are deterministic
/// and run once).</summary>
public sealed record ImputeModelSpec(ImputeModelKind Kind, Func<int, IImputer> Create, bool Seeded);

/// <summary>What a run measured: rows (pooled first, then per station, for each model), and per model its wall time
/// and the chosen settings.</summary>
public sealed record ImputeResult(ImputeTask Task, IReadOnlyList<ImputeRow> Rows, IReadOnlyList<ImputeModelRun> Runs)
{
    /// <summary>Each model's scores by the length of the gap the test points sit in (pooled over stations and folds).</summary>
    public IReadOnlyList<ImputeGapRow> Gaps { get; init; } = [];
}

public sealed record ImputeModelRun(string Model, double Seconds, IReadOnlyList<string> Notes);

/// <summary>Runs every model on every fold of a task: fit on the fold's training input, calibrate the 90% interval on
/// its validation points, estimate the test points from the fold's input, score them against the observations.</summary>
public static class ImputeExperiment
{
    public static ImputeResult Run(ImputeTask task, IReadOnlyList<ImputeModelSpec> models, IReadOnlyList<int> seeds,
        IProgress<string>? progress, CancellationToken ct)
    {
        if (models.Count == 0) throw new InputException("no models to run; expected at least one of " + string.Join(", ", Enum.GetValues<ImputeModelKind>().Select(ImputeModels.Name)));
        if (seeds.Count == 0) throw new InputException("no seeds; expected --seeds 1 or more");
        var protocol = ImputeProtocolOptions.Name(task.Protocol.Kind);
        var rows = new List<ImputeRow>();
        var gapRows = new List<ImputeGapRow>();
        var gapClasses = task.Folds.Select(f => GapClasses.Of(ImputeViews.Test(task, f))).ToArray();
        var runs = new List<ImputeModelRun>();
        foreach (var spec in models)
        {
            var clock = Stopwatch.StartNew();
            var name = ImputeModels.Name(spec.Kind);
            var notes = new List<string>();
            var useSeeds = spec.Seeded ? seeds : [seeds[0]];
            var pooled = new List<ImputeSums>();
            var perStation = new SortedDictionary<int, List<ImputeSums>>();
            var perGap = new SortedDictionary<GapClass, List<ImputeSums>>();
            foreach (var seed in useSeeds)
            {
                var all = new ImputeSums();
                var stations = new Dictionary<int, ImputeSums>();
                var gaps = new Dictionary<GapClass, ImputeSums>();
                for (var f = 0; f < task.Folds.Count; f++)
                {
                    var fold = task.Folds[f];
                    ct.ThrowIfCancellationRequested();
                    progress?.Report($"{name}{(spec.Seeded ? $" seed {seed}" : "")}: {fold.Name}");
                    var model = spec.Create(seed);
                    model.Fit(task, fold, progress, ct);
                    var calibration = Calibrate(task, fold, model, ct);
                    notes.Add($"{fold.Name}, seed {seed}: interval {(calibration.Scaled ? "scale" : "half-width")} {Fmt.F(calibration.Factor, 3)} from {calibration.Points:N0} validation points");
                    var e = model.Estimate(ImputeViews.Test(task, fold), fold.Test.Eval, ct);
                    calibration.Apply(e, fold.Test.Eval);
                    for (var i = 0; i < fold.Test.Eval.Length; i++)
                    {
                        if (!fold.Test.Eval[i]) continue;
                        if (!float.IsFinite(e.Median[i]))
                            throw new InvalidOperationException($"{name} gave no estimate at station {task.Stations[i % task.S].Id}, hour {i / task.S}");
                        all.Add(task.Truth[i], e.Median[i], e.Lower[i], e.Upper[i]);
                        var s = i % task.S;
                        if (!stations.TryGetValue(s, out var sums)) stations[s] = sums = new ImputeSums();
                        sums.Add(task.Truth[i], e.Median[i], e.Lower[i], e.Upper[i]);
                        var g = gapClasses[f][i];
                        if (!gaps.TryGetValue(g, out var gs)) gaps[g] = gs = new ImputeSums();
                        gs.Add(task.Truth[i], e.Median[i], e.Lower[i], e.Upper[i]);
                    }
                }
                pooled.Add(all);
                foreach (var (s, sums) in stations)
                {
                    if (!perStation.TryGetValue(s, out var list)) perStation[s] = list = [];
                    list.Add(sums);
                }
                foreach (var (g, sums) in gaps)
                {
                    if (!perGap.TryGetValue(g, out var list)) perGap[g] = list = [];
                    list.Add(sums);
                }
            }
            rows.Add(ImputeScores.Row(name, protocol, ImputeRow.AllStations, pooled));
            foreach (var (s, list) in perStation) rows.Add(ImputeScores.Row(name, protocol, task.Stations[s].Id, list));
            foreach (var (g, list) in perGap) gapRows.Add(ImputeGapRow.Of(name, g, list));
            runs.Add(new ImputeModelRun(name, clock.Elapsed.TotalSeconds, notes));
            progress?.Report($"{name}: MAE {Fmt.F(rows.First(r => r.Model == name).Mae, 2)} µg/m³ on {pooled[0].N:N0} points, {Fmt.F(clock.Elapsed.TotalSeconds, 1)} s");
        }
        return new ImputeResult(task, rows, runs) { Gaps = gapRows };
    }

    /// <summary>Estimates every validation set of the fold and fits the interval calibration on all of them together.</summary>
    private static IntervalCalibration Calibrate(ImputeTask task, ImputeFold fold, IImputer model, CancellationToken ct)
    {
        var n = task.T * task.S;
        var joint = ImputeEstimates.Empty(n);
        var where = new bool[n];
        foreach (var points in fold.Validation)
        {
            var e = model.Estimate(ImputeViews.Validation(task, fold, points), points.Eval, ct);
            for (var i = 0; i < n; i++)
            {
                if (!points.Eval[i]) continue;
                where[i] = true;
                joint.Median[i] = e.Median[i]; joint.Lower[i] = e.Lower[i]; joint.Upper[i] = e.Upper[i];
            }
        }
        return IntervalCalibration.Fit(joint, task.Truth, where);
    }
}
