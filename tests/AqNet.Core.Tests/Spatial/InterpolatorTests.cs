using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Spatial;

public class InterpolatorTests
{
    private static readonly GeoPoint Q = new(2, 0);

    // Query at 2°E on the equator; stations at 0°, 1°, 3°E hold 10, 20, 40, so the distances are 2°, 1°, 1°.
    // Sorted nearest first (station 1 before 2 on the tie): [1, 2, 0].
    private static float Run(ISpatialInterpolator m, int take = 3) =>
        m.Estimate(Q, new NeighbourValues(new[] { 1, 2, 0 }, new[] { 1.0, 1.0, 2.0 }.Select(d => d * Fixtures.KmPerDegree).ToArray(), new[] { 20f, 40f, 10f }).Take(take));

    [Fact]
    public void Mean_of_all_visible() => Assert.Equal(70f / 3, Run(new MeanInterpolator()), 5);

    [Fact]
    public void Nearest_takes_the_first_neighbour() => Assert.Equal(20f, Run(new NearestInterpolator()));

    [Fact]
    public void Idw_inverse_square_weights()
    {
        // (20/1 + 40/1 + 10/4) / (1 + 1 + 1/4) = 62.5 / 2.25; the km-per-degree factor cancels.
        Assert.Equal(62.5 / 2.25, Run(new IdwInterpolator()), 4);
        Assert.Equal(30f, Run(new IdwInterpolator(maxNeighbours: 2)), 5);
        // power 1: (20 + 40 + 5) / (1 + 1 + 0.5)
        Assert.Equal(65 / 2.5, Run(new IdwInterpolator(power: 1)), 4);
    }

    [Fact]
    public void Idw_on_a_station_returns_its_value()
    {
        var nb = new NeighbourValues(new[] { 0, 1 }, new[] { 0.0, 5.0 }, new[] { 7f, 100f });
        Assert.Equal(7f, new IdwInterpolator().Estimate(new GeoPoint(0, 0), nb));
    }

    [Fact]
    public void No_neighbours_gives_NaN()
    {
        var empty = new NeighbourValues([], [], []);
        foreach (var m in new ISpatialInterpolator[] { new MeanInterpolator(), new NearestInterpolator(), new IdwInterpolator(), KrigingInterpolator.WithModel(new VariogramModel(VariogramKind.Exponential, 0, 1, 10)) })
        {
            m.Fit(Fixtures.Geometry());
            Assert.True(float.IsNaN(m.Estimate(Q, empty)), m.Name);
        }
    }

    [Fact]
    public void Rejects_bad_settings()
    {
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => new IdwInterpolator(double.NaN)).ParamName);
        Assert.Equal("maxNeighbours", Assert.Throws<ArgumentOutOfRangeException>(() => new IdwInterpolator(2, 0)).ParamName);
        Assert.Equal("rangeKm", Assert.Throws<ArgumentOutOfRangeException>(() => new VariogramModel(VariogramKind.Spherical, 0, 1, double.NaN)).ParamName);
    }

    [Fact]
    public void Idw_and_mean_stay_within_the_neighbours_range()
    {
        var gen = Gen.Select(Gen.Double[0.01, 100].Array[1, 12], Gen.Float[0, 500].Array[12]);
        gen.Sample((d, v) =>
        {
            Array.Sort(d);
            var nb = new NeighbourValues(Enumerable.Range(0, d.Length).ToArray(), d, v[..d.Length]);
            foreach (var m in new ISpatialInterpolator[] { new IdwInterpolator(), new MeanInterpolator() })
                Assert.InRange(m.Estimate(Q, nb), v[..d.Length].Min() - 1e-3f, v[..d.Length].Max() + 1e-3f);
        });
    }
}
