using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Exact k-nearest-neighbour search by great-circle distance over a fixed set of points (stations).
/// Brute force over precomputed unit vectors: ranking by squared chord costs 3 multiply-adds per pair, so the
/// national network (~1,600 stations) against a 300×160 grid is ~77M pair evaluations, parallel over queries —
/// faster in practice than a tree at these sizes and trivially exact. Ties are broken by ascending index.
/// Points without coordinates (from <see cref="Station.HasCoordinates"/> false) keep their index but are never returned.</summary>
public sealed class KnnIndex
{
    private readonly double[] _x, _y, _z; // unit vectors; NaN for points without coordinates
    private readonly GeoPoint?[] _points;
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);

    /// <summary>Index over stations; a station without coordinates keeps its position in the list but is never a neighbour.</summary>
    public KnnIndex(IReadOnlyList<Station> stations)
        : this(stations.Select(GeoPoint.Of).ToArray(), stations.Select(s => s.Id).ToArray()) { }

    /// <summary>Index over bare points; ids default to "0", "1", ….</summary>
    public KnnIndex(IReadOnlyList<GeoPoint> points, IReadOnlyList<string>? ids = null)
        : this(points.Select(p => (GeoPoint?)p).ToArray(), ids?.ToArray() ?? Enumerable.Range(0, points.Count).Select(i => i.ToString(Fmt.Inv)).ToArray()) { }

    private KnnIndex(GeoPoint?[] points, string[] ids)
    {
        if (ids.Length != points.Length)
            throw new ArgumentException($"ids has {ids.Length} entries but there are {points.Length} points; expected one id per point", nameof(ids));
        _points = points;
        _ids = ids;
        _x = new double[points.Length];
        _y = new double[points.Length];
        _z = new double[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            if (!_byId.TryAdd(ids[i], i))
                throw new InputException($"station id '{ids[i]}' appears more than once; expected unique ids for spatial work");
            (_x[i], _y[i], _z[i]) = points[i] is { } p ? Geodesy.UnitVector(p) : (double.NaN, double.NaN, double.NaN);
            if (points[i] is not null) UsableCount++;
        }
    }

    /// <summary>Number of points, including those without coordinates.</summary>
    public int Count => _points.Length;

    /// <summary>Number of points with coordinates (the only ones ever returned).</summary>
    public int UsableCount { get; }

    public GeoPoint? Point(int index) => _points[index];

    public string Id(int index) => _ids[index];

    /// <summary>The index of a station id, or an ArgumentException naming it.</summary>
    public int IndexOf(string id) => _byId.TryGetValue(id, out var i) ? i
        : throw new ArgumentException($"station id '{id}' is not in this index of {Count} points", nameof(id));

    /// <summary>Up to k nearest points to one query, nearest first. <paramref name="excludeId"/> drops one station
    /// (leave-one-out); <paramref name="candidates"/>, when given (length Count), keeps only points marked true.</summary>
    public Neighbour[] Nearest(GeoPoint query, int k, string? excludeId = null, bool[]? candidates = null)
    {
        var r = NearestBatch([query], k, excludeId is null ? null : [excludeId], candidates);
        var result = new Neighbour[r.Count(0)];
        for (var j = 0; j < result.Length; j++) result[j] = new Neighbour(r.Indices[j], r.DistancesKm[j]);
        return result;
    }

    /// <summary>Up to k nearest points for each query, parallel over queries. <paramref name="excludeIds"/>, when given,
    /// has one entry per query (null = exclude nothing for that query).</summary>
    public KnnResult NearestBatch(IReadOnlyList<GeoPoint> queries, int k, IReadOnlyList<string?>? excludeIds = null, bool[]? candidates = null)
    {
        Guard.AtLeast(k, 1, nameof(k));
        if (excludeIds is not null && excludeIds.Count != queries.Count)
            throw new ArgumentException($"excludeIds has {excludeIds.Count} entries for {queries.Count} queries; expected one per query", nameof(excludeIds));
        if (candidates is not null && candidates.Length != Count)
            throw new ArgumentException($"candidates has {candidates.Length} entries for {Count} points; expected one per point", nameof(candidates));
        var kk = Math.Min(k, Math.Max(UsableCount, 1));
        var result = new KnnResult(queries.Count, kk);
        var exclude = new int[queries.Count];
        for (var q = 0; q < exclude.Length; q++) exclude[q] = excludeIds?[q] is { } id ? IndexOf(id) : -1;
        const int chunk = 64;
        var chunks = (queries.Count + chunk - 1) / chunk;
        Parallel.For(0, chunks, () => new double[kk], (c, _, d2) =>
        {
            for (var q = c * chunk; q < Math.Min(queries.Count, (c + 1) * chunk); q++)
                Search(queries[q], exclude[q], candidates, result, q, d2);
            return d2;
        }, _ => { });
        return result;
    }

    /// <summary>Great-circle distances, km, from each query to each point: [query, point], NaN for points without coordinates.</summary>
    public double[] DistanceMatrixKm(IReadOnlyList<GeoPoint> queries)
    {
        var n = Count;
        var m = new double[checked(queries.Count * n)];
        Parallel.For(0, queries.Count, q =>
        {
            var (qx, qy, qz) = Geodesy.UnitVector(queries[q]);
            for (var i = 0; i < n; i++)
            {
                double dx = _x[i] - qx, dy = _y[i] - qy, dz = _z[i] - qz;
                m[q * n + i] = Geodesy.ChordSqToKm(dx * dx + dy * dy + dz * dz);
            }
        });
        return m;
    }

    /// <summary>Bounded insertion into a sorted top-k buffer; strict comparisons keep the lower index first on ties
    /// because points are visited in ascending index order.</summary>
    private void Search(GeoPoint query, int exclude, bool[]? candidates, KnnResult result, int q, double[] d2)
    {
        var (qx, qy, qz) = Geodesy.UnitVector(query);
        var k = result.K;
        var idx = result.Indices.AsSpan(q * k, k);
        var count = 0;
        for (var i = 0; i < _x.Length; i++)
        {
            if (i == exclude || (candidates is not null && !candidates[i]) || double.IsNaN(_x[i])) continue;
            double dx = _x[i] - qx, dy = _y[i] - qy, dz = _z[i] - qz;
            var d = dx * dx + dy * dy + dz * dz;
            if (count == k && !(d < d2[k - 1])) continue;
            var j = count < k ? count++ : k - 1;
            while (j > 0 && d < d2[j - 1]) { d2[j] = d2[j - 1]; idx[j] = idx[j - 1]; j--; }
            d2[j] = d; idx[j] = i;
        }
        var dist = result.DistancesKm.AsSpan(q * k, k);
        for (var j = 0; j < k; j++)
        {
            if (j < count) dist[j] = Geodesy.ChordSqToKm(d2[j]);
            else { idx[j] = -1; dist[j] = double.NaN; }
        }
        result.Counts[q] = count;
    }
}
