using AqNet.Core.Spatial;

namespace AqNet.Core.Impute;

/// <summary>Each station's regression on its nearest stations at the same hour, learnt from its own training history
/// (<see cref="StationRegression"/>); where the station has none (a hidden station) or no neighbour has input at the
/// hour, kriging at the same hour (and its fallbacks).</summary>
public sealed class RegressionImputer : IImputer
{
    /// <summary>Neighbours each station's regression reads.</summary>
    public const int Neighbours = 8;
    private readonly SameHourImputer _kriging = new(new KrigingInterpolator(), ImputeModelKind.Kriging);
    private StationRegression? _regression;

    public ImputeModelKind Kind => ImputeModelKind.Regression;

    public void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct)
    {
        _kriging.Fit(task, fold, progress, ct);
        _regression = StationRegression.Fit(task, ImputeViews.TrainingCells(task, fold), fold.Hidden, Neighbours);
    }

    public ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct)
    {
        var r = _regression ?? throw new InvalidOperationException("regression: call Fit before Estimate");
        var e = _kriging.Estimate(view, where, ct);
        var (task, S) = (view.Task, view.Task.S);
        for (var i = 0; i < where.Length; i++)
        {
            if (!where[i]) continue;
            var (t, s) = (i / S, i % S);
            var x = r.Predict(s, j => view.Input[t * S + j] && !view.Hidden[j] ? task.Truth[t * S + j] : float.NaN);
            if (!float.IsNaN(x)) e.Median[i] = Math.Max(0, x);
        }
        return e;
    }
}
