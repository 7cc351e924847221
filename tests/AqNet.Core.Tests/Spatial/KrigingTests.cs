using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Spatial;

public class KrigingTests
{
    [Fact]
    public void Two_stations_match_the_closed_form_weights()
    {
        // OK with two data: λ1 = ½ + (γ(d02) − γ(d01)) / (2 γ(d12)), λ2 = 1 − λ1.
        var model = new VariogramModel(VariogramKind.Exponential, 0, 1, 10);
        var k = KrigingInterpolator.WithModel(model);
        k.Fit(Fixtures.Geometry(Fixtures.At("a", 0, 0), Fixtures.At("b", 0.04, 0)));
        var d12 = 0.04 * Fixtures.KmPerDegree;
        double d01 = 1.5, d02 = 4.0;
        var l1 = 0.5 + (model.Gamma(d02) - model.Gamma(d01)) / (2 * model.Gamma(d12));
        var est = k.Estimate(new GeoPoint(0, 0.01), new NeighbourValues(new[] { 0, 1 }, new[] { d01, d02 }, new[] { 10f, 30f }));
        Assert.Equal(l1 * 10 + (1 - l1) * 30, est, 4);
    }

    [Fact]
    public void Three_stations_with_a_known_spherical_variogram()
    {
        // Independent reference (Python, Gauss-Jordan): stations 0°, 0.5°, 1.2°E on the equator with 10, 20, 40;
        // query (0.3°E, 0.2°N); spherical nugget 0.2, partial sill 0.8, range 150 km →
        // weights 0.41522, 0.48437, 0.10041; estimate 17.85599183.
        var k = KrigingInterpolator.WithModel(new VariogramModel(VariogramKind.Spherical, 0.2, 0.8, 150));
        k.Fit(Fixtures.Geometry(Fixtures.At("a", 0, 0), Fixtures.At("b", 0.5, 0), Fixtures.At("c", 1.2, 0)));
        var q = new GeoPoint(0.3, 0.2);
        var nb = new NeighbourValues(new[] { 1, 0, 2 },
            new[] { 1, 0, 2 }.Select(i => Geodesy.DistanceKm(q, new GeoPoint(new[] { 0, 0.5, 1.2 }[i], 0))).ToArray(), new[] { 20f, 10f, 40f });
        Assert.Equal(31.45068617, nb.DistancesKm[0], 6);
        Assert.Equal(17.85599183, k.Estimate(q, nb), 4);
    }

    [Fact]
    public void Reproduces_a_constant_field_and_station_values()
    {
        var stations = Enumerable.Range(0, 6).Select(i => Fixtures.At("s" + i, 116 + 0.07 * i, 39.9 + 0.03 * (i % 3))).ToArray();
        var k = KrigingInterpolator.WithModel(new VariogramModel(VariogramKind.Exponential, 0.1, 0.9, 25));
        k.Fit(Fixtures.Geometry(stations));
        var pts = stations.Select(s => GeoPoint.Of(s)!.Value).ToArray();
        var idx = new KnnIndex(stations);
        Gen.Select(Gen.Double[115.9, 116.5], Gen.Double[39.8, 40.1], Gen.Float[1, 400]).Sample((lon, lat, c) =>
        {
            var q = new GeoPoint(lon, lat);
            var nb = idx.Nearest(q, 6);
            var est = k.Estimate(q, new NeighbourValues(nb.Select(n => n.Index).ToArray(), nb.Select(n => n.DistanceKm).ToArray(), Enumerable.Repeat(c, 6).ToArray()));
            Assert.Equal(c, est, c * 1e-5f); // weights sum to 1
        });
        var on = idx.Nearest(pts[2], 6);
        var values = on.Select(n => (float)n.Index * 10).ToArray();
        Assert.Equal(20f, k.Estimate(pts[2], new NeighbourValues(on.Select(n => n.Index).ToArray(), on.Select(n => n.DistanceKm).ToArray(), values)));
    }

    [Fact]
    public void Co_located_stations_without_nugget_fall_back_to_the_mean()
    {
        var k = KrigingInterpolator.WithModel(new VariogramModel(VariogramKind.Exponential, 0, 1, 10));
        k.Fit(Fixtures.Geometry(Fixtures.At("a", 0, 0), Fixtures.At("b", 0, 0), Fixtures.At("c", 0.1, 0)));
        var d = Geodesy.DistanceKm(0.05, 0.05, 0, 0);
        var dc = Geodesy.DistanceKm(0.05, 0.05, 0.1, 0);
        var est = k.Estimate(new GeoPoint(0.05, 0.05), new NeighbourValues(new[] { 0, 1, 2 }, new[] { d, d, dc }, new[] { 10f, 20f, 60f }));
        Assert.Equal(30f, est, 4);
    }

    [Fact]
    public void Estimate_before_fit_is_an_error() =>
        Assert.Throws<InvalidOperationException>(() => new KrigingInterpolator().Estimate(new GeoPoint(0, 0), new NeighbourValues(new[] { 0, 1 }, new[] { 1.0, 2.0 }, new[] { 1f, 2f })));
}
