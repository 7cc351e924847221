using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Tests.Spatial;

/// <summary>Kriging from the k nearest stations, tapered against the nearest one left out: continuous where the set of
/// k nearest changes, and the plain k-nearest system wherever no neighbour is near the edge of the set.</summary>
public class KrigingTaperTests
{
    private static readonly Station[] Stations =
    [
        Fixtures.At("a", 0, 0), Fixtures.At("b", 0.1, 0), Fixtures.At("c", 0.05, 0.08),
        Fixtures.At("d", 0.2, 0.05), Fixtures.At("e", -0.05, 0.1), Fixtures.At("f", 0.15, -0.07),
    ];
    private static readonly float[] Values = [10, 90, 40, 70, 20, 55];
    private static readonly VariogramModel Model = new(VariogramKind.Exponential, 0.05, 0.95, 8);

    private static KrigingInterpolator Kriging(double? taper)
    {
        var k = KrigingInterpolator.WithModel(Model, maxNeighbours: 3, taperShare: taper);
        k.Fit(Fixtures.Geometry(Stations));
        return k;
    }

    private static float At(KrigingInterpolator k, GeoPoint q)
    {
        var nb = new KnnIndex(Stations).Nearest(q, Stations.Length);
        return k.Estimate(q, new NeighbourValues(nb.Select(n => n.Index).ToArray(), nb.Select(n => n.DistanceKm).ToArray(),
            nb.Select(n => Values[n.Index]).ToArray()));
    }

    /// <summary>The largest change between consecutive points of a line crossing several changes of the 3-nearest set,
    /// 10,000 steps of about 2.5 m.</summary>
    private static double LargestStep(KrigingInterpolator k)
    {
        var largest = 0.0;
        var previous = At(k, new GeoPoint(-0.02, 0.03));
        for (var i = 1; i <= 10_000; i++)
        {
            var e = At(k, new GeoPoint(-0.02 + 0.22 * i / 10_000, 0.03 - 0.04 * i / 10_000));
            largest = Math.Max(largest, Math.Abs(e - previous));
            previous = e;
        }
        return largest;
    }

    [Fact]
    public void The_estimate_does_not_jump_where_the_nearest_set_changes()
    {
        var plain = LargestStep(Kriging(null));
        var tapered = LargestStep(Kriging(0.2));
        Assert.True(plain > 5, $"the fixture's line must cross a jump of the plain 3-nearest kriging (largest step {plain})");
        Assert.True(tapered < 0.1, $"largest step of the tapered kriging {tapered} µg/m³; expected below 0.1 (plain: {plain})");
    }

    [Fact]
    public void Far_from_the_edge_of_the_set_it_is_the_plain_system()
    {
        // Inside the triangle a, b, c the 4th nearest (e) is twice as far as the 3rd: every taper weight is 1.
        var q = new GeoPoint(0.05, 0.03);
        var nb = new KnnIndex(Stations).Nearest(q, 4);
        Assert.True(nb[2].DistanceKm < 0.8 * nb[3].DistanceKm);
        Assert.Equal(At(Kriging(null), q), At(Kriging(0.2), q), 5);
    }

    [Fact]
    public void Where_the_third_and_fourth_are_equally_far_both_are_left_out()
    {
        // On the perpendicular bisector of a and b, seen from far below: a and b are the 3rd and 4th nearest, equally far.
        var k = KrigingInterpolator.WithModel(Model, maxNeighbours: 3, taperShare: 0.2);
        var two = KrigingInterpolator.WithModel(Model, maxNeighbours: 2, taperShare: null);
        Station[] line = [Fixtures.At("p", 0, 0.1), Fixtures.At("q", 0, 0.12), Fixtures.At("a", -0.05, 0), Fixtures.At("b", 0.05, 0)];
        k.Fit(Fixtures.Geometry(line));
        two.Fit(Fixtures.Geometry(line));
        var query = new GeoPoint(0, 0.2);
        var nb = new KnnIndex(line).Nearest(query, 4);
        Assert.Equal(nb[2].DistanceKm, nb[3].DistanceKm, 9);
        float[] v = [30, 50, 0, 0];
        var values = new NeighbourValues(nb.Select(n => n.Index).ToArray(), nb.Select(n => n.DistanceKm).ToArray(), nb.Select(n => v[n.Index]).ToArray());
        Assert.Equal(two.Estimate(query, values.Take(2)), k.Estimate(query, values), 5);
        Assert.Equal([1.0, 1.0, 0.0, 0.0], k.Taper(values.DistancesKm).Select(w => Math.Round(w, 9)));
    }

    [Fact]
    public void A_share_outside_0_to_1_is_refused() =>
        Assert.Equal("taperShare", Assert.Throws<ArgumentOutOfRangeException>(() => new KrigingInterpolator(taperShare: 1.5)).ParamName);
}
