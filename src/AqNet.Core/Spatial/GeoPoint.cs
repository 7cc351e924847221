using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>A WGS84 position in degrees: longitude in [-180, 180], latitude in [-90, 90]. The constructor rejects
/// NaN and out-of-range values, so every GeoPoint that exists is valid (default is 0°E, 0°N).</summary>
public readonly record struct GeoPoint
{
    public GeoPoint(double lon, double lat)
    {
        Guard.Longitude(lon, nameof(lon));
        Guard.Latitude(lat, nameof(lat));
        Lon = lon;
        Lat = lat;
    }

    /// <summary>Longitude, degrees east.</summary>
    public double Lon { get; }

    /// <summary>Latitude, degrees north.</summary>
    public double Lat { get; }

    /// <summary>The station's position, or null when it has no coordinates (such stations take no part in spatial work).</summary>
    public static GeoPoint? Of(Station station) =>
        station.Longitude is { } lon && station.Latitude is { } lat ? new GeoPoint(lon, lat) : null;

    public override string ToString() => $"({Fmt.D(Lon)}°E, {Fmt.D(Lat)}°N)";
}
