using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Tests.Spatial;

internal static class Fixtures
{
    public const double KmPerDegree = Geodesy.EarthRadiusKm * Math.PI / 180;

    public static Station At(string id, double lon, double lat) => new(id, id, lon, lat);

    /// <summary>Training data with no hours: enough for models that only need the station geometry.</summary>
    public static SpatialTrainingData Geometry(params Station[] stations) => new(stations, 0, [], []);

    /// <summary>A panel of one variable (PM2.5) from rows [hour][station]; NaN = missing.</summary>
    public static Panel Panel(Station[] stations, float[][] rows)
    {
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), rows.Length, stations, [Variables.Pm25]);
        for (var t = 0; t < rows.Length; t++)
            for (var s = 0; s < stations.Length; s++)
                p.Set(t, s, 0, rows[t][s]);
        return p;
    }
}
