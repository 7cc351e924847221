using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Great-circle geometry on a sphere of the IUGG mean Earth radius. Distances in km, angles in degrees.
/// The spherical model errs by at most ~0.5% against the WGS84 ellipsoid, far below station-siting uncertainty.</summary>
public static class Geodesy
{
    /// <summary>IUGG mean Earth radius R1, km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    private const double Rad = Math.PI / 180;

    /// <summary>Haversine great-circle distance, km (well conditioned for short distances, unlike the cosine law).</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var sinDLat = Math.Sin((b.Lat - a.Lat) * Rad / 2);
        var sinDLon = Math.Sin((b.Lon - a.Lon) * Rad / 2);
        var h = sinDLat * sinDLat + Math.Cos(a.Lat * Rad) * Math.Cos(b.Lat * Rad) * sinDLon * sinDLon;
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1, h))); // Min: rounding can push h just above 1 at antipodes
    }

    /// <summary>Haversine distance from raw degrees; rejects NaN and out-of-range coordinates naming the argument.</summary>
    public static double DistanceKm(double lon1, double lat1, double lon2, double lat2) =>
        DistanceKm(Point(lon1, lat1, nameof(lon1), nameof(lat1)), Point(lon2, lat2, nameof(lon2), nameof(lat2)));

    /// <summary>Initial bearing (forward azimuth) from a to b, degrees clockwise from north in [0, 360).
    /// Returns 0 when a and b coincide (the bearing is undefined there).</summary>
    public static double InitialBearingDeg(GeoPoint a, GeoPoint b)
    {
        var phi1 = a.Lat * Rad;
        var phi2 = b.Lat * Rad;
        var dLon = (b.Lon - a.Lon) * Rad;
        var y = Math.Sin(dLon) * Math.Cos(phi2);
        var x = Math.Cos(phi1) * Math.Sin(phi2) - Math.Sin(phi1) * Math.Cos(phi2) * Math.Cos(dLon);
        var deg = Math.Atan2(y, x) / Rad;
        deg = (deg + 360) % 360;
        return deg >= 360 ? 0 : deg; // -1e-15 + 360 rounds to 360
    }

    public static double InitialBearingDeg(double lon1, double lat1, double lon2, double lat2) =>
        InitialBearingDeg(Point(lon1, lat1, nameof(lon1), nameof(lat1)), Point(lon2, lat2, nameof(lon2), nameof(lat2)));

    /// <summary>Checks with the caller's parameter names, so the message says "lat2 = NaN", not "lat".</summary>
    private static GeoPoint Point(double lon, double lat, string lonName, string latName)
    {
        Guard.Longitude(lon, lonName);
        Guard.Latitude(lat, latName);
        return new GeoPoint(lon, lat);
    }

    /// <summary>Unit vector on the sphere; the squared chord between two unit vectors ranks great-circle distances
    /// exactly like the haversine but costs 3 multiply-adds, which is what makes batched kNN fast.</summary>
    internal static (double X, double Y, double Z) UnitVector(GeoPoint p)
    {
        var lat = p.Lat * Rad;
        var lon = p.Lon * Rad;
        var c = Math.Cos(lat);
        return (c * Math.Cos(lon), c * Math.Sin(lon), Math.Sin(lat));
    }

    /// <summary>Squared chord length between unit vectors → great-circle distance in km.</summary>
    internal static double ChordSqToKm(double chordSq) =>
        2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(chordSq) / 2));
}
