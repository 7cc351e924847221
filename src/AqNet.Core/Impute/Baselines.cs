using AqNet.Core.Spatial;

namespace AqNet.Core.Impute;

/// <summary>The station's mean over its training cells; a station without any (hidden) gets the mean of all training cells.</summary>
public sealed class MeanImputer : IImputer
{
    private float[] _means = [];

    public ImputeModelKind Kind => ImputeModelKind.Mean;

    public void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct) =>
        _means = StationMeans(task, ImputeViews.TrainingCells(task, fold));

    public ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct)
    {
        var e = ImputeEstimates.Empty(where.Length);
        for (var i = 0; i < where.Length; i++) if (where[i]) e.Median[i] = _means[i % view.Task.S];
        return e;
    }

    internal static float[] StationMeans(ImputeTask task, bool[] cells)
    {
        var (sum, n) = (new double[task.S], new long[task.S]);
        double all = 0; long allN = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (!cells[i]) continue;
            sum[i % task.S] += task.Truth[i]; n[i % task.S]++;
            all += task.Truth[i]; allN++;
        }
        var overall = allN > 0 ? (float)(all / allN) : 0f;
        return [.. Enumerable.Range(0, task.S).Select(s => n[s] > 0 ? (float)(sum[s] / n[s]) : overall)];
    }
}

/// <summary>Linear interpolation in time between the station's nearest inputs before and after; one side only: that
/// value; no input at all (a hidden station): the station mean (<see cref="MeanImputer"/>).</summary>
public sealed class LinearImputer : IImputer
{
    private readonly MeanImputer _mean = new();

    public ImputeModelKind Kind => ImputeModelKind.Linear;

    public void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct) => _mean.Fit(task, fold, progress, ct);

    public ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct)
    {
        var task = view.Task;
        var near = new TimeNeighbours(view.Input, task.T, task.S);
        var fallback = _mean.Estimate(view, where, ct).Median;
        var e = ImputeEstimates.Empty(where.Length);
        for (var i = 0; i < where.Length; i++)
        {
            if (!where[i]) continue;
            var x = near.Linear(task.Truth, i / task.S, i % task.S, task.S);
            e.Median[i] = float.IsNaN(x) ? fallback[i] : x;
        }
        return e;
    }
}

/// <summary>A classical interpolator (IDW, kriging) at the same hour from the visible stations with input then; an hour
/// without any falls back to linear interpolation in time.</summary>
public sealed class SameHourImputer(ISpatialInterpolator interpolator, ImputeModelKind kind) : IImputer
{
    private readonly LinearImputer _linear = new();

    public ImputeModelKind Kind => kind;
    public ISpatialInterpolator Interpolator => interpolator;

    public void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct)
    {
        _linear.Fit(task, fold, progress, ct);
        var cells = ImputeViews.TrainingCells(task, fold);
        var values = new float[cells.Length];
        for (var i = 0; i < cells.Length; i++) values[i] = cells[i] ? task.Truth[i] : float.NaN;
        var data = new SpatialTrainingData(task.Stations, task.T, values, cells)
            .WithHidden(Enumerable.Range(0, task.S).Where(s => fold.Hidden[s]));
        interpolator.Fit(data);
    }

    /// <summary>The interpolator's estimates alone: NaN where no other station has input at that hour.</summary>
    public ImputeEstimates EstimateSameHourOnly(ImputeView view, bool[] where, CancellationToken ct) => SameHour.Estimate(view, where, interpolator, ct);

    public ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct)
    {
        var e = SameHour.Estimate(view, where, interpolator, ct);
        var fallback = _linear.Estimate(view, where, ct).Median;
        for (var i = 0; i < where.Length; i++) if (where[i] && float.IsNaN(e.Median[i])) e.Median[i] = fallback[i];
        return e;
    }
}

/// <summary>Linear in time where the gap around the point is at most <see cref="MaxGapHours"/> long, kriging at the same
/// hour otherwise; the gap length is chosen on the fold's validation points.</summary>
public sealed class HybridImputer : IImputer
{
    private static readonly int[] Candidates = [1, 2, 3, 4, 6, 8, 12, 18, 24, 36, 48];
    private readonly LinearImputer _linear = new();
    private readonly SameHourImputer _kriging = new(new KrigingInterpolator(), ImputeModelKind.Kriging);

    public ImputeModelKind Kind => ImputeModelKind.Hybrid;

    /// <summary>The longest gap (hours) filled linearly; chosen by Fit.</summary>
    public int MaxGapHours { get; private set; } = 6;

    /// <summary>Validation MAE of each candidate gap length tried by the last Fit.</summary>
    public IReadOnlyDictionary<int, double> ValidationMae { get; private set; } = new Dictionary<int, double>();

    public void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct)
    {
        _linear.Fit(task, fold, progress, ct);
        _kriging.Fit(task, fold, progress, ct);
        var sums = Candidates.ToDictionary(c => c, _ => (Sum: 0.0, N: 0L));
        foreach (var points in fold.Validation)
        {
            var view = ImputeViews.Validation(task, fold, points);
            var lin = _linear.Estimate(view, points.Eval, ct).Median;
            var kri = _kriging.Estimate(view, points.Eval, ct).Median;
            var near = new TimeNeighbours(view.Input, task.T, task.S);
            for (var i = 0; i < points.Eval.Length; i++)
            {
                if (!points.Eval[i]) continue;
                var gap = near.GapLength(i);
                foreach (var c in Candidates)
                {
                    var x = gap <= c ? lin[i] : kri[i];
                    var (s, n) = sums[c];
                    sums[c] = (s + Math.Abs(x - task.Truth[i]), n + 1);
                }
            }
        }
        ValidationMae = sums.ToDictionary(kv => kv.Key, kv => kv.Value.N > 0 ? kv.Value.Sum / kv.Value.N : double.NaN);
        if (sums.Values.Any(v => v.N > 0)) MaxGapHours = ValidationMae.MinBy(kv => kv.Value).Key;
        progress?.Report($"hybrid: linear for gaps up to {MaxGapHours} h (validation MAE {Data.Fmt.F(ValidationMae[MaxGapHours], 2)})");
    }

    public ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct)
    {
        var lin = _linear.Estimate(view, where, ct);
        var kri = _kriging.Estimate(view, where, ct);
        var near = new TimeNeighbours(view.Input, view.Task.T, view.Task.S);
        for (var i = 0; i < where.Length; i++)
            if (where[i] && near.GapLength(i) > MaxGapHours) lin.Median[i] = kri.Median[i];
        return lin;
    }
}

