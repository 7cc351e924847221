using AqNet.Core.Spatial;

namespace AqNet.Core.Impute;

/// <summary>Runs a classical interpolator at every asked cell from the view's visible stations with input at that hour,
/// nearest first (the target station itself excluded). Parallel over hours; NaN where no neighbour has input.</summary>
internal static class SameHour
{
    public static ImputeEstimates Estimate(ImputeView view, bool[] where, ISpatialInterpolator model, CancellationToken ct)
    {
        var task = view.Task;
        var (T, S) = (task.T, task.S);
        var e = ImputeEstimates.Empty(where.Length);
        var order = NeighbourOrder(view);
        var need = model.MaxNeighbours ?? S;
        var points = task.Stations.Select(GeoPoint.Of).ToArray();
        Parallel.For(0, T, new ParallelOptions { CancellationToken = ct }, t =>
        {
            var idx = new int[S];
            var dist = new double[S];
            var val = new float[S];
            for (var s = 0; s < S; s++)
            {
                var i = t * S + s;
                if (!where[i] || points[s] is not { } q) continue;
                var n = 0;
                foreach (var (j, d) in order[s])
                {
                    if (!view.Input[t * S + j]) continue;
                    idx[n] = j; dist[n] = d; val[n] = task.Truth[t * S + j];
                    if (++n == need) break;
                }
                if (n == 0) continue;
                e.Median[i] = model.Estimate(q, new NeighbourValues(idx.AsSpan(0, n), dist.AsSpan(0, n), val.AsSpan(0, n)));
            }
        });
        return e;
    }

    /// <summary>Per station, the visible other stations by distance (km), nearest first.</summary>
    internal static (int Station, double Km)[][] NeighbourOrder(ImputeView view)
    {
        var st = view.Task.Stations;
        var pts = st.Select(GeoPoint.Of).ToArray();
        return [.. Enumerable.Range(0, st.Count).Select(s => pts[s] is not { } p ? []
            : Enumerable.Range(0, st.Count).Where(j => j != s && view.Visible(j))
                .Select(j => (j, Geodesy.DistanceKm(p, pts[j]!.Value))).OrderBy(x => x.Item2).ThenBy(x => x.j).ToArray())];
    }
}
