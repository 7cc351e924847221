using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Spatial;

public class GeodesyTests
{
    private const double KmPerDegree = Geodesy.EarthRadiusKm * Math.PI / 180; // 111.19508 km on the mean sphere

    [Fact]
    public void One_degree_along_the_equator_and_a_quarter_meridian()
    {
        Assert.Equal(KmPerDegree, Geodesy.DistanceKm(0, 0, 1, 0), 9);
        Assert.Equal(111.195080, Geodesy.DistanceKm(0, 0, 1, 0), 5);
        Assert.Equal(Geodesy.EarthRadiusKm * Math.PI / 2, Geodesy.DistanceKm(0, 0, 0, 90), 9);
        Assert.Equal(Geodesy.EarthRadiusKm * Math.PI, Geodesy.DistanceKm(0, 0, 180, 0), 9);
        Assert.Equal(0, Geodesy.DistanceKm(116.397, 39.982, 116.397, 39.982));
    }

    [Fact]
    public void Beijing_Dongsi_to_Tiantan_is_about_4_8_km()
    {
        // Δlat 0.043° ≈ 4.78 km, Δlon 0.010° · cos 39.9° ≈ 0.85 km → ≈ 4.86 km.
        Assert.Equal(4.86, Geodesy.DistanceKm(116.417, 39.929, 116.407, 39.886), 2);
    }

    [Theory]
    [InlineData(1, 0, 90)]
    [InlineData(0, 1, 0)]
    [InlineData(-1, 0, 270)]
    [InlineData(0, -1, 180)]
    public void Bearing_from_the_origin_to_the_four_compass_points(double lon, double lat, double expected) =>
        Assert.Equal(expected, Geodesy.InitialBearingDeg(0, 0, lon, lat), 9);

    [Fact]
    public void Lands_End_to_John_o_Groats_matches_the_published_worked_example()
    {
        // movable-type.co.uk worked example: 50°03'59"N 5°42'53"W → 58°38'38"N 3°04'12"W,
        // bearing 009°07'11" (9.1197°), 968.9 km with R = 6371 km.
        double lon1 = -(5 + 42 / 60.0 + 53 / 3600.0), lat1 = 50 + 3 / 60.0 + 59 / 3600.0;
        double lon2 = -(3 + 4 / 60.0 + 12 / 3600.0), lat2 = 58 + 38 / 60.0 + 38 / 3600.0;
        Assert.Equal(9.1197, Geodesy.InitialBearingDeg(lon1, lat1, lon2, lat2), 3);
        Assert.Equal(968.9 * Geodesy.EarthRadiusKm / 6371, Geodesy.DistanceKm(lon1, lat1, lon2, lat2), 1);
    }

    [Theory]
    [InlineData(double.NaN, 0, 0, 0, "lon1")]
    [InlineData(0, double.NaN, 0, 0, "lat1")]
    [InlineData(0, 0, 181, 0, "lon2")]
    [InlineData(0, 0, 0, -90.5, "lat2")]
    public void Rejects_NaN_and_out_of_range_naming_the_argument(double lon1, double lat1, double lon2, double lat2, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Geodesy.DistanceKm(lon1, lat1, lon2, lat2));
        Assert.Equal(name, e.ParamName);
        Assert.Contains("expected", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Geodesy.InitialBearingDeg(lon1, lat1, lon2, lat2));
    }

    private static readonly Gen<GeoPoint> Point = Gen.Select(Gen.Double[-180, 180], Gen.Double[-90, 90], (x, y) => new GeoPoint(x, y));

    [Fact]
    public void Distance_is_a_metric_bounded_by_half_the_circumference()
    {
        Gen.Select(Point, Point, Point).Sample((a, b, c) =>
        {
            var ab = Geodesy.DistanceKm(a, b);
            Assert.InRange(ab, 0, Geodesy.EarthRadiusKm * Math.PI + 1e-9);
            Assert.Equal(ab, Geodesy.DistanceKm(b, a), 1e-9);   // a tolerance: rounding both to 9 decimals is flaky
            Assert.True(ab <= Geodesy.DistanceKm(a, c) + Geodesy.DistanceKm(c, b) + 1e-6, "triangle inequality");
        });
    }

    [Fact]
    public void Bearing_is_in_0_360()
    {
        // [0, 360): a bearing just below 360 (e.g. 359.99999999999994, seen once) is fine; 360 itself is not
        Gen.Select(Point, Point).Sample((a, b) =>
        {
            var deg = Geodesy.InitialBearingDeg(a, b);
            Assert.True(deg >= 0 && deg < 360, $"bearing {deg:R} from {a} to {b}; expected [0, 360)");
        });
    }
}
