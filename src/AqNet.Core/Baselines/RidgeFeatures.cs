using AqNet.Core.Windows;

namespace AqNet.Core.Baselines;

/// <summary>The ridge design row of a window: the last L = min(24, W) hours of every "pol:" and "mask:" feature
/// (24 lags of the pollutants and their masks), the "cyc:" features of the last input hour, for W &gt; 24 the
/// mean of each "pol:" feature over each earlier whole day of the window (missing inputs count as 0 = training
/// mean), and a constant 1 last (the unpenalised intercept).</summary>
internal sealed class RidgeFeatures
{
    private readonly int[] _lagged;
    private readonly int[] _cyc;
    private readonly int[] _pol;
    private readonly int _lags, _days, _w, _f;

    public RidgeFeatures(WindowSet like)
    {
        _w = like.W; _f = like.F;
        _pol = like.FeatureIndices("pol:");
        _lagged = [.. _pol, .. like.FeatureIndices("mask:")];
        _cyc = like.FeatureIndices("cyc:");
        _lags = Math.Min(24, _w);
        _days = (_w - _lags) / 24;
        P = _lags * _lagged.Length + _cyc.Length + _days * _pol.Length + 1;
    }

    /// <summary>Row length including the intercept (last).</summary>
    public int P { get; }

    public bool SameLayout(WindowSet s) => s.W == _w && s.F == _f;

    /// <summary>Writes window n's row into dst [P].</summary>
    public void Row(WindowSet set, int n, Span<float> dst)
    {
        var x = set.X.AsSpan(n * _w * _f, _w * _f); // [W, F]
        var o = 0;
        for (var l = 0; l < _lags; l++)
        {
            var row = x.Slice((_w - 1 - l) * _f, _f); // lag l+1 = hour W−1−l
            foreach (var j in _lagged) dst[o++] = row[j];
        }
        var last = x.Slice((_w - 1) * _f, _f);
        foreach (var j in _cyc) dst[o++] = last[j];
        for (var d = 0; d < _days; d++)
        {
            var end = _w - _lags - d * 24; // day d covers hours [end − 24, end)
            foreach (var j in _pol)
            {
                float s = 0;
                for (var t = end - 24; t < end; t++) s += x[t * _f + j];
                dst[o++] = s / 24;
            }
        }
        dst[o] = 1;
    }
}
