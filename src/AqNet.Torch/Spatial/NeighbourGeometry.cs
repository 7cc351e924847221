using AqNet.Core.Spatial;
using AqNet.Torch.Nn;

namespace AqNet.Torch.Spatial;

/// <summary>The K nearest stations of each query point by great-circle distance and their geometry, laid out
/// [P, K] nearest first. Geometry per neighbour (G = 5): d / scale, ln(1 + d / scale), sin and cos of the bearing from
/// the query to the neighbour, and its crowding: the mean of exp(−d_ij / scale) over the other neighbours j of the query
/// (near 1 for a station inside a cluster, near 0 for an isolated one), so learned weights can decluster like kriging. Slots past the available stations have Valid = false, index 0 and zero geometry.</summary>
public sealed class NeighbourGeometry
{
    public const int G = 5;

    private NeighbourGeometry(int p, int k)
    {
        P = p; K = k;
        Indices = new long[p * k];
        DistancesKm = new float[p * k];
        Geo = new float[p * k * G];
        Valid = new bool[p * k];
    }

    public int P { get; }
    public int K { get; }
    /// <summary>[P, K] station indices (model order).</summary>
    public long[] Indices { get; }
    /// <summary>[P, K] km.</summary>
    public float[] DistancesKm { get; }
    /// <summary>[P, K, G].</summary>
    public float[] Geo { get; }
    /// <summary>[P, K] false where the slot has no station.</summary>
    public bool[] Valid { get; }

    /// <summary>Neighbours among <paramref name="stations"/> (positions, model order) of each query; exclude[q] ≥ 0 drops
    /// that station from query q's candidates (a pseudo-hidden target is never its own neighbour).</summary>
    public static NeighbourGeometry Of(IReadOnlyList<GeoPoint> stations, IReadOnlyList<GeoPoint> queries, int k,
        double scaleKm, IReadOnlyList<int>? exclude = null)
    {
        Guard.AtLeast(k, 1, nameof(k));
        Guard.Positive(scaleKm, nameof(scaleKm));
        if (stations.Count == 0) throw new ArgumentException("no stations to take neighbours from", nameof(stations));
        var index = new KnnIndex(stations);
        var excludeIds = exclude?.Select(e => e >= 0 ? index.Id(e) : null).ToArray();
        var knn = index.NearestBatch(queries, k, excludeIds);
        var g = new NeighbourGeometry(queries.Count, k);
        for (var q = 0; q < queries.Count; q++)
        {
            var idx = knn.IndicesOf(q);
            var dist = knn.DistancesOf(q);
            for (var j = 0; j < Math.Min(k, idx.Length); j++)
            {
                var o = q * k + j;
                var d = dist[j] / scaleKm;
                var b = Geodesy.InitialBearingDeg(queries[q], stations[idx[j]]) * Math.PI / 180;
                g.Indices[o] = idx[j];
                g.DistancesKm[o] = (float)dist[j];
                g.Valid[o] = true;
                g.Geo[o * G] = (float)d;
                g.Geo[o * G + 1] = (float)Math.Log(1 + d);
                g.Geo[o * G + 2] = (float)Math.Sin(b);
                g.Geo[o * G + 3] = (float)Math.Cos(b);
            }
            var n = Math.Min(k, idx.Length);
            for (var j = 0; j < n; j++)
            {
                double c = 0;
                for (var i = 0; i < n; i++)
                    if (i != j) c += Math.Exp(-Geodesy.DistanceKm(stations[idx[i]], stations[idx[j]]) / scaleKm);
                g.Geo[(q * k + j) * G + 4] = n > 1 ? (float)(c / (n - 1)) : 0;
            }
        }
        return g;
    }

    /// <summary>Mean distance (km) from each station to its k nearest other stations: the default distance scale.</summary>
    public static double MeanNeighbourDistanceKm(IReadOnlyList<GeoPoint> stations, int k)
    {
        if (stations.Count < 2) return 10; // a lone station: any positive scale works
        var g = Of(stations, stations, Math.Min(k, stations.Count - 1), 1, Enumerable.Range(0, stations.Count).ToArray());
        var valid = Enumerable.Range(0, g.Valid.Length).Where(i => g.Valid[i]).ToArray();
        var mean = valid.Average(i => (double)g.DistancesKm[i]);
        return mean > 0 ? mean : 10;
    }
}
