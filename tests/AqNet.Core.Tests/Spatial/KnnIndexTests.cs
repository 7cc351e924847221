using AqNet.Core.Data;
using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Spatial;

public class KnnIndexTests
{
    private static readonly GeoPoint[] Equator = [new(0, 0), new(1, 0), new(2, 0), new(3, 0)];

    [Fact]
    public void Orders_by_great_circle_distance()
    {
        var nb = new KnnIndex(Equator).Nearest(new GeoPoint(1.4, 0), 4);
        Assert.Equal([1, 2, 0, 3], nb.Select(n => n.Index));
        Assert.Equal(0.4 * Geodesy.EarthRadiusKm * Math.PI / 180, nb[0].DistanceKm, 9);
        Assert.Equal(1.6 * Geodesy.EarthRadiusKm * Math.PI / 180, nb[3].DistanceKm, 9);
    }

    [Fact]
    public void Breaks_exact_ties_by_index_and_excludes_by_id()
    {
        // (0, ±1°) are exactly symmetric about the equator, so their distances to (0,0) are bit-identical.
        var idx = new KnnIndex([new GeoPoint(0, 1), new GeoPoint(0, -1), new GeoPoint(0, 0)], ["n", "s", "c"]);
        Assert.Equal([2, 0, 1], idx.Nearest(new GeoPoint(0, 0), 3).Select(n => n.Index));
        Assert.Equal([0, 1], idx.Nearest(new GeoPoint(0, 0), 3, excludeId: "c").Select(n => n.Index));
        Assert.Equal([1], idx.Nearest(new GeoPoint(0, 0), 3, "c", [false, true, true]).Select(n => n.Index));
        Assert.Throws<ArgumentException>(() => idx.Nearest(new GeoPoint(0, 0), 1, excludeId: "nope"));
    }

    [Fact]
    public void Stations_without_coordinates_keep_their_index_but_are_never_neighbours()
    {
        var idx = new KnnIndex([new Station("a", "a", null, null), new Station("b", "b", 1, 0), new Station("c", "c", 5, 0)]);
        Assert.Equal(2, idx.UsableCount);
        var r = idx.NearestBatch([new GeoPoint(0, 0)], 3);
        Assert.Equal(2, r.K);
        Assert.Equal([1, 2], r.IndicesOf(0).ToArray());
    }

    [Fact]
    public void Batch_pads_when_fewer_candidates_than_k()
    {
        var r = new KnnIndex(Equator).NearestBatch([new GeoPoint(0, 0), new GeoPoint(3, 0)], 3, ["0", null], [true, true, false, false]);
        Assert.Equal(1, r.Count(0));
        Assert.Equal([1, -1, -1], r.Indices.AsSpan(0, 3).ToArray());
        Assert.True(double.IsNaN(r.DistancesKm[2]));
        Assert.Equal([1, 0], r.IndicesOf(1).ToArray());
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        var idx = new KnnIndex(Equator);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => idx.Nearest(new GeoPoint(0, 0), 0)).ParamName);
        Assert.Throws<InputException>(() => new KnnIndex([new GeoPoint(0, 0), new GeoPoint(1, 1)], ["x", "x"]));
    }

    // Coordinates on a coarse lattice half the time, so duplicate points (exact ties) are common.
    private static readonly Gen<GeoPoint> Point = Gen.OneOf(
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], (x, y) => new GeoPoint(116 + 0.1 * x, 39.8 + 0.1 * y)),
        Gen.Select(Gen.Double[115, 117.5], Gen.Double[39, 41], (x, y) => new GeoPoint(x, y)));

    [Fact]
    public void Matches_brute_force_haversine()
    {
        Gen.Select(Point.Array[1, 40], Point.Array[1, 8], Gen.Int[1, 45], Gen.Int[-1, 39]).Sample((pts, qs, k, ex) =>
        {
            var ids = pts.Select((_, i) => "s" + i).ToArray();
            var exclude = ex >= 0 && ex < pts.Length ? ids[ex] : null;
            var r = new KnnIndex(pts, ids).NearestBatch(qs, k, qs.Select(_ => exclude).ToArray());
            for (var q = 0; q < qs.Length; q++)
            {
                var all = Enumerable.Range(0, pts.Length).Where(i => ids[i] != exclude)
                    .Select(i => (I: i, D: Geodesy.DistanceKm(qs[q], pts[i]))).OrderBy(x => x.D).ThenBy(x => x.I).ToArray();
                var got = r.IndicesOf(q).ToArray();
                Assert.Equal(Math.Min(k, all.Length), got.Length);
                Assert.Equal(got.Length, got.Distinct().Count());
                for (var j = 0; j < got.Length; j++)
                {
                    Assert.Equal(all[j].D, r.DistancesOf(q)[j], 1e-9);
                    Assert.NotEqual(exclude, ids[got[j]]);
                    Assert.Equal(all[j].D, Geodesy.DistanceKm(qs[q], pts[got[j]]), 1e-9);
                    // The index must be the brute-force one unless another candidate is within rounding (~1e-12 km)
                    // of the same distance: mirror-image points tie in exact arithmetic but not bit for bit.
                    var nearTie = all.Any(b => b.I != all[j].I && Math.Abs(b.D - all[j].D) < 1e-9);
                    if (!nearTie) Assert.Equal(all[j].I, got[j]);
                    // Duplicate points are exact ties: lower index first.
                    if (j > 0 && pts[got[j]] == pts[got[j - 1]]) Assert.True(got[j] > got[j - 1]);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Distance_matrix_matches_haversine()
    {
        var m = new KnnIndex(Equator).DistanceMatrixKm([new GeoPoint(0.5, 0.5)]);
        for (var i = 0; i < Equator.Length; i++) Assert.Equal(Geodesy.DistanceKm(new GeoPoint(0.5, 0.5), Equator[i]), m[i], 9);
    }
}
