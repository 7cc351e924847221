using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Grid;

public class GridSpecTests
{
    [Fact]
    public void Cells_and_centres()
    {
        var g = new GridSpec(116, 39.5, 117, 40, 0.1);
        Assert.Equal((10, 5, 50), (g.NLon, g.NLat, g.CellCount));
        Assert.Equal(116.05, g.Centre(0, 0).Lon, 12);
        Assert.Equal(39.55, g.Centre(0, 0).Lat, 12);
        Assert.Equal(116.95, g.Centre(9, 4).Lon, 12);
        Assert.Equal(39.95, g.Centre(9, 4).Lat, 12);
        var c = g.Centres();
        Assert.Equal(g.Centre(3, 2), c[2 * 10 + 3]); // row-major [lat, lon]
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Centre(10, 0));
    }

    [Fact]
    public void A_width_not_divisible_by_the_resolution_gets_a_last_overhanging_cell()
    {
        var g = new GridSpec(0, 0, 1, 0.25, 0.3);
        Assert.Equal((4, 1), (g.NLon, g.NLat));
        Assert.Equal(1.05, g.LonCentre(3), 12);
    }

    [Fact]
    public void National_grid_size()
    {
        var g = new GridSpec(73, 18, 135, 54, 0.2);
        Assert.Equal((310, 180), (g.NLon, g.NLat));
    }

    [Theory]
    [InlineData(117, 39, 116, 40, 0.1, "lon0 = 117, lon1 = 116")]
    [InlineData(116, 40, 117, 40, 0.1, "lat0 = 40, lat1 = 40")]
    [InlineData(116, 39, 117, 40, 0, "resolution 0°")]
    [InlineData(116, 39, 117, 40, -0.1, "resolution -0.1°")]
    [InlineData(116, 39, 117, 40, double.NaN, "resolution NaN°")]
    [InlineData(double.NaN, 39, 117, 40, 0.1, "lon0 = NaN")]
    [InlineData(116, 39, 190, 40, 0.1, "lon1 = 190")]
    [InlineData(116, -91, 117, 40, 0.1, "lat0 = -91")]
    [InlineData(-180, -90, 180, 90, 0.00001, "exceeds")]
    [InlineData(115.9, 39.6, 116.9, 40.5, 1000, "resolution 1000° puts the first cell's centre outside the bbox (smaller side 0.9°)")]
    public void Rejects_bad_boxes_and_resolutions_with_the_value(double lon0, double lat0, double lon1, double lat1, double res, string expected)
    {
        var e = Assert.Throws<InputException>(() => new GridSpec(lon0, lat0, lon1, lat1, res));
        Assert.Contains(expected, e.Message);
        Assert.Contains("expected", e.Message);
    }
}

public class GridDistanceTests
{
    [Fact]
    public void Distance_to_the_nearest_station()
    {
        var g = new GridSpec(-0.5, -0.5, 0.5, 0.5, 0.5);
        var d = GridDistances.NearestStationKm(g, [new Station("a", "a", 0, 0), new Station("x", "x", null, null)]);
        Assert.Equal(4, d.Length);
        Assert.All(d, v => Assert.Equal(Geodesy.DistanceKm(0, 0, 0.25, 0.25), v, 9));
        var two = GridDistances.NearestStationKm(g, [new Station("a", "a", -0.25, -0.25), new Station("b", "b", 0.25, 0.25)]);
        // Cell (0.25°E, 0.25°S) is nearer to a (0.5° along a parallel) than to b (0.5° along a meridian).
        var along = Geodesy.DistanceKm(0.25, -0.25, -0.25, -0.25);
        Assert.True(along < Geodesy.DistanceKm(0.25, -0.25, 0.25, 0.25));
        Assert.Equal([0, along, along, 0], two, new ToleranceComparer(1e-9));
        Assert.Throws<InputException>(() => GridDistances.NearestStationKm(g, [new Station("x", "x", null, null)]));
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tol;
        public int GetHashCode(double v) => 0;
    }
}

public class HullCheckTests
{
    private static readonly Station[] Square = [Fixtures2.At(0, 0), Fixtures2.At(1, 0), Fixtures2.At(1, 1), Fixtures2.At(0, 1), Fixtures2.At(0.5, 0.5)];

    [Fact]
    public void Inside_the_hull_is_zero()
    {
        Assert.Equal(0, HullCheck.OutsideHullKm(new GridSpec(0.2, 0.2, 0.8, 0.8, 0.1), Square));
        Assert.Equal(0, HullCheck.OutsideHullKm(new GridSpec(0, 0, 1, 1, 0.1), Square));
    }

    [Fact]
    public void Outside_is_the_farthest_corner_in_the_local_projection()
    {
        // Corners (2, 0) and (2, 1) lie 1° of longitude east of the hull; the projection is centred at 0.5°N.
        var kmPerLonDegree = Geodesy.EarthRadiusKm * Math.PI / 180 * Math.Cos(0.5 * Math.PI / 180);
        Assert.Equal(kmPerLonDegree, HullCheck.OutsideHullKm(new GridSpec(0, 0, 2, 1, 0.1), Square), 9);
    }

    [Fact]
    public void Degenerate_hulls()
    {
        var ky = Geodesy.EarthRadiusKm * Math.PI / 180;
        // One station: the distance to the farthest corner.
        Assert.Equal(ky * Math.Sqrt(2), HullCheck.OutsideHullKm(new GridSpec(-1, -1, 1, 1, 0.5), [Fixtures2.At(0, 0)]), 9);
        // A north-south line of stations at 0°E: the box corners lie 1° of longitude off it (at the equator).
        Assert.Equal(ky, HullCheck.OutsideHullKm(new GridSpec(-1, -1, 1, 1, 0.5), [Fixtures2.At(0, -1), Fixtures2.At(0, 0), Fixtures2.At(0, 1)]), 9);
    }

    [Fact]
    public void Any_box_within_the_stations_box_is_inside_a_hull_containing_its_corners()
    {
        Gen.Select(Gen.Double[100, 110], Gen.Double[30, 35], Gen.Double[0.5, 3], Gen.Double[0.5, 3]).Sample((x, y, w, h) =>
        {
            Station[] corners = [Fixtures2.At(x, y), Fixtures2.At(x + w, y), Fixtures2.At(x + w, y + h), Fixtures2.At(x, y + h)];
            Assert.Equal(0, HullCheck.OutsideHullKm(new GridSpec(x + w / 4, y + h / 4, x + w / 2, y + h / 2, 0.1), corners));
            Assert.True(HullCheck.OutsideHullKm(new GridSpec(x, y, x + w * 1.5, y + h, 0.1), corners) > 0);
        });
    }
}

internal static class Fixtures2
{
    private static int _n;
    public static Station At(double lon, double lat) => new("g" + Interlocked.Increment(ref _n), "g", lon, lat);
}
