namespace AqNet.Core.Spatial;

/// <summary>One neighbour of a query: the index of the point in its <see cref="KnnIndex"/> and its great-circle distance, km.</summary>
public readonly record struct Neighbour(int Index, double DistanceKm);

/// <summary>Batched kNN answers laid out [query, K]: query q's neighbours are at q*K .. q*K+Count(q)-1, nearest first
/// (ties by ascending index); slots past Count(q) hold index -1 and distance NaN (fewer candidates than K).</summary>
public sealed class KnnResult
{
    internal KnnResult(int queryCount, int k)
    {
        QueryCount = queryCount;
        K = k;
        Indices = new int[checked(queryCount * k)];
        DistancesKm = new double[Indices.Length];
        Counts = new int[queryCount];
    }

    public int QueryCount { get; }
    public int K { get; }

    /// <summary>[query, K] point indices, -1 past Count(q).</summary>
    public int[] Indices { get; }

    /// <summary>[query, K] great-circle distances, km; NaN past Count(q).</summary>
    public double[] DistancesKm { get; }

    internal int[] Counts { get; }

    public int Count(int query) => Counts[query];

    public ReadOnlySpan<int> IndicesOf(int query) => Indices.AsSpan(query * K, Counts[query]);

    public ReadOnlySpan<double> DistancesOf(int query) => DistancesKm.AsSpan(query * K, Counts[query]);
}
