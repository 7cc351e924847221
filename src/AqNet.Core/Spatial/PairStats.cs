namespace AqNet.Core.Spatial;

/// <summary>Per station pair (with coordinates, at most maxLag km apart): the sum of pairwise-relative half squared
/// differences and the number of hours contributing. Computed once over ALL stations and shared by every fold, which
/// then keeps only the pairs whose two stations are visible — so leave-one-out refits cost O(pairs), not O(pairs × hours).</summary>
internal sealed class PairStats
{
    public required int[] I { get; init; }
    public required int[] J { get; init; }
    public required double[] DistanceKm { get; init; }
    public required double[] SumHalfSq { get; init; }
    public required long[] N { get; init; }

    public static PairStats Compute(SpatialTrainingData train, double maxLagKm)
    {
        var s = train.Stations.Count;
        var t = train.Hours;
        var d = train.StationDistancesKm;
        var pi = new List<int>();
        var pj = new List<int>();
        for (var i = 0; i < s; i++)
            for (var j = i + 1; j < s; j++)
                if (d[i * s + j] <= maxLagKm) { pi.Add(i); pj.Add(j); } // NaN (no coordinates) fails the test
        // Station-major copy so each pair streams two contiguous series.
        var series = new float[s * t];
        for (var h = 0; h < t; h++)
            for (var i = 0; i < s; i++)
                series[i * t + h] = train.Observed[h * s + i] ? train.Values[h * s + i] : float.NaN;
        var sum = new double[pi.Count];
        var n = new long[pi.Count];
        Parallel.For(0, pi.Count, p =>
        {
            var a = series.AsSpan(pi[p] * t, t);
            var b = series.AsSpan(pj[p] * t, t);
            double acc = 0;
            long c = 0;
            for (var h = 0; h < t; h++)
            {
                var m = (a[h] + b[h]) / 2.0; // NaN if either is missing: the test below is then false
                if (!(m > 0)) continue;
                var r = (a[h] - b[h]) / m;
                acc += 0.5 * r * r;
                c++;
            }
            sum[p] = acc;
            n[p] = c;
        });
        return new PairStats
        {
            I = [.. pi], J = [.. pj],
            DistanceKm = pi.Select((i, p) => d[i * s + pj[p]]).ToArray(),
            SumHalfSq = sum, N = n,
        };
    }
}
