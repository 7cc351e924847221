using AqNet.Core.Data;

namespace AqNet.Core.Grid;

/// <summary>Warns when a grid reaches beyond the station network: how far, in km, the bbox extends outside the convex
/// hull of the stations with coordinates. Computed in a local equirectangular projection centred on the stations
/// (x = R·Δlon·cos(mean lat), y = R·Δlat): exact enough for a warning over a city or a country (a few % of the
/// distance within ±10° of the mean latitude), not a geodesic. In that plane the bbox is a rectangle and the distance
/// to a convex set is convex, so the farthest bbox point is a corner.</summary>
public static class HullCheck
{
    /// <summary>0 when the whole bbox lies inside the hull; otherwise the largest distance, km, from a bbox point to the
    /// hull. One station: the hull is that point; stations on a line: the hull is a segment.</summary>
    public static double OutsideHullKm(GridSpec grid, IReadOnlyList<Station> stations)
    {
        var located = stations.Where(s => s.HasCoordinates).ToArray();
        if (located.Length == 0)
            throw new InputException($"none of the {stations.Count} stations has coordinates; the network hull needs at least one");
        var lat0 = located.Average(s => s.Latitude!.Value);
        var lon0 = located.Average(s => s.Longitude!.Value);
        var kx = Spatial.Geodesy.EarthRadiusKm * Math.PI / 180 * Math.Cos(lat0 * Math.PI / 180);
        const double ky = Spatial.Geodesy.EarthRadiusKm * Math.PI / 180; // km per degree of latitude
        (double X, double Y) P(double lon, double lat) => ((lon - lon0) * kx, (lat - lat0) * ky);
        var hull = Hull(located.Select(s => P(s.Longitude!.Value, s.Latitude!.Value)).ToArray());
        (double, double)[] corners = [P(grid.Lon0, grid.Lat0), P(grid.Lon1, grid.Lat0), P(grid.Lon1, grid.Lat1), P(grid.Lon0, grid.Lat1)];
        return corners.Max(c => DistanceToHull(c, hull));
    }

    /// <summary>Andrew's monotone chain; counter-clockwise, collinear points dropped (1 or 2 points when degenerate).</summary>
    internal static (double X, double Y)[] Hull((double X, double Y)[] pts)
    {
        var p = pts.Distinct().OrderBy(q => q.X).ThenBy(q => q.Y).ToArray();
        if (p.Length < 3) return p;
        var h = new (double X, double Y)[2 * p.Length];
        var k = 0;
        for (var i = 0; i < p.Length; i++) // lower chain
        {
            while (k >= 2 && Cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
            h[k++] = p[i];
        }
        for (int i = p.Length - 2, lower = k + 1; i >= 0; i--) // upper chain
        {
            while (k >= lower && Cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
            h[k++] = p[i];
        }
        k--; // the last point repeats the first
        if (k < 3) return h[..Math.Max(k, 2)].Distinct().ToArray(); // all collinear: the segment's two ends
        return h[..k];
    }

    internal static double DistanceToHull((double X, double Y) q, (double X, double Y)[] hull)
    {
        if (hull.Length == 1) return Math.Sqrt(Sq(q.X - hull[0].X) + Sq(q.Y - hull[0].Y));
        var inside = hull.Length >= 3;
        var best = double.PositiveInfinity;
        for (var i = 0; i < hull.Length; i++)
        {
            var a = hull[i];
            var b = hull[(i + 1) % hull.Length];
            if (Cross(a, b, q) < 0) inside = false; // right of a counter-clockwise edge → outside
            best = Math.Min(best, SegmentDistance(q, a, b));
        }
        return inside ? 0 : best;
    }

    private static double SegmentDistance((double X, double Y) q, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        var len2 = dx * dx + dy * dy;
        var t = len2 > 0 ? Math.Clamp(((q.X - a.X) * dx + (q.Y - a.Y) * dy) / len2, 0, 1) : 0;
        return Math.Sqrt(Sq(q.X - a.X - t * dx) + Sq(q.Y - a.Y - t * dy));
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);

    private static double Sq(double v) => v * v;
}
