using AqNet.Core.Spatial;

namespace AqNet.Core.Impute;

/// <summary>A fitted same-hour interpolator asked for one cell at a time, with some stations left out: the base a
/// training sample sees when the pattern it was given hides neighbours' values at that hour (as they would be missing
/// when the model is used), not the estimate from every training value.</summary>
public sealed class SameHourCell
{
    private readonly ImputeView _view;
    private readonly ISpatialInterpolator _model;
    private readonly (int Station, double Km)[][] _order;
    private readonly GeoPoint?[] _points;
    private readonly int _need;

    /// <param name="model">an interpolator already fitted (see <see cref="SameHourImputer.Fit"/>).</param>
    public SameHourCell(ImputeView view, ISpatialInterpolator model)
    {
        _view = view;
        _model = model;
        _order = SameHour.NeighbourOrder(view);
        _points = [.. view.Task.Stations.Select(GeoPoint.Of)];
        _need = model.MaxNeighbours ?? view.Task.S;
    }

    /// <summary>The estimate at hour <paramref name="t"/> and station <paramref name="s"/> from the visible stations with
    /// input at that hour, except <paramref name="skip"/>; NaN where none is left.</summary>
    public float Estimate(int t, int s, ReadOnlySpan<int> skip)
    {
        if (_points[s] is not { } q) return float.NaN;
        var S = _view.Task.S;
        Span<int> idx = stackalloc int[_need];
        Span<double> dist = stackalloc double[_need];
        Span<float> val = stackalloc float[_need];
        var n = 0;
        foreach (var (j, d) in _order[s])
        {
            if (!_view.Input[t * S + j] || skip.Contains(j)) continue;
            idx[n] = j; dist[n] = d; val[n] = _view.Task.Truth[t * S + j];
            if (++n == _need) break;
        }
        return n == 0 ? float.NaN : _model.Estimate(q, new NeighbourValues(idx[..n], dist[..n], val[..n]));
    }
}
