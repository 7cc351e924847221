using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>The hot loop of the spatial evaluation: every model's estimate of every hidden station at every test hour.</summary>
internal static class FoldEstimator
{
    /// <summary>[hour − test start, station] copies of the variable over the test hours, made once per evaluation so the
    /// hot loop reads two flat arrays.</summary>
    public sealed record TestSlice(int Hours, float[] Values, bool[] Observed)
    {
        public static TestSlice Of(Panel panel, int v, (int Start, int End) test)
        {
            var nt = test.End - test.Start;
            var vals = new float[nt * panel.S];
            var obs = new bool[vals.Length];
            for (var t = 0; t < nt; t++)
                for (var s = 0; s < panel.S; s++)
                {
                    var p = panel.Index(test.Start + t, s, v);
                    obs[t * panel.S + s] = panel.Mask[p];
                    vals[t * panel.S + s] = panel.Values[p];
                }
            return new TestSlice(nt, vals, obs);
        }
    }

    /// <summary>Estimates laid out [model, hidden, hour − test.Start]; NaN where no visible station is observed and, unless
    /// <paramref name="everyHour"/> (needed to score hours ahead), where the hidden station itself is not observed.
    /// Each hidden station's visible stations are sorted by distance once; per hour the first observed ones (as many as
    /// the greediest model needs) are gathered. Parallel over hours; deterministic.</summary>
    public static float[] Estimate(Panel panel, TestSlice slice, SpatialFold fold, KnnIndex index, IReadOnlyList<ISpatialInterpolator> models,
        bool everyHour = false)
    {
        var nh = fold.Hidden.Length;
        var nt = slice.Hours;
        var (vals, obs) = (slice.Values, slice.Observed);
        var est = new float[checked(models.Count * nh * nt)];
        Array.Fill(est, float.NaN);
        if (fold.Visible.Length == 0 || nh == 0) return est;
        var candidates = new bool[panel.S];
        foreach (var s in fold.Visible) candidates[s] = true;
        var queries = fold.Hidden.Select(h => GeoPoint.Of(panel.Stations[h])!.Value).ToArray();
        var sorted = index.NearestBatch(queries, fold.Visible.Length, null, candidates);
        var need = models.Any(m => m.MaxNeighbours is null) ? fold.Visible.Length : Math.Min(fold.Visible.Length, models.Max(m => m.MaxNeighbours!.Value));
        const int chunk = 32;
        Parallel.For(0, (nt + chunk - 1) / chunk, c =>
        {
            var idx = new int[need];
            var dist = new double[need];
            var val = new float[need];
            for (var t = c * chunk; t < Math.Min(nt, (c + 1) * chunk); t++)
                for (var h = 0; h < nh; h++)
                {
                    var row = t * panel.S;
                    if (!everyHour && !obs[row + fold.Hidden[h]]) continue;
                    var order = sorted.IndicesOf(h);
                    var dists = sorted.DistancesOf(h);
                    var n = 0;
                    for (var j = 0; j < order.Length && n < need; j++)
                    {
                        var s = order[j];
                        if (!obs[row + s]) continue;
                        idx[n] = s; dist[n] = dists[j]; val[n] = vals[row + s]; n++;
                    }
                    if (n == 0) continue;
                    var nb = new NeighbourValues(idx.AsSpan(0, n), dist.AsSpan(0, n), val.AsSpan(0, n));
                    for (var m = 0; m < models.Count; m++)
                        est[(m * nh + h) * nt + t] = models[m].Estimate(queries[h], nb);
                }
        });
        return est;
    }
}
