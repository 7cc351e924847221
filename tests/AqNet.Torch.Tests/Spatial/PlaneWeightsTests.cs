using AqNet.Core.Spatial;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Tests.Spatial;

public sealed class PlaneWeightsTests
{
    private static readonly GeoPoint[] Stations =
        [new(116.30, 39.90), new(116.42, 39.93), new(116.37, 40.02), new(116.25, 40.00), new(116.50, 39.85)];

    // A field exactly linear in neighbour j's offset east and north of the query (d·sin θ, d·cos θ from the geometry).
    private static double Field(NeighbourGeometry g, int j)
    {
        var o = j * NeighbourGeometry.G;
        return 50 + 3 * g.Geo[o] * g.Geo[o + 2] - 2 * g.Geo[o] * g.Geo[o + 3];
    }

    [Theory]
    [InlineData(116.36, 39.95)]    // inside the stations
    [InlineData(116.60, 40.10)]    // outside: the plane extrapolates, a weighted mean cannot
    public void Without_ridge_a_plane_is_reproduced_at_the_query_and_the_weights_sum_to_1(double lon, double lat)
    {
        var q = new GeoPoint(lon, lat);
        var g = NeighbourGeometry.Of(Stations, [q], 5, 10);
        var pi = PlaneWeights.Of(g, ridge: 0);
        var estimate = Enumerable.Range(0, 5).Sum(j => pi[j] * Field(g, j));
        Assert.Equal(50, estimate, 4);
        Assert.Equal(1.0, pi.Sum(), 5);
    }

    [Fact]
    public void With_a_ridge_the_weights_still_sum_to_1_and_one_neighbour_gets_all_of_it()
    {
        var g = NeighbourGeometry.Of(Stations, [new GeoPoint(116.36, 39.95)], 5, 10);
        Assert.Equal(1.0, PlaneWeights.Of(g).Sum(), 5);
        var one = NeighbourGeometry.Of(Stations[..1], [new GeoPoint(116.36, 39.95)], 3, 10);   // K = 3 slots, one valid
        Assert.Equal([1f, 0f, 0f], PlaneWeights.Of(one));
        Assert.Throws<ArgumentOutOfRangeException>(() => PlaneWeights.Of(g, double.NaN));
    }
}
