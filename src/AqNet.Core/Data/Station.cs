namespace AqNet.Core.Data;

/// <summary>A monitoring station. Coordinates are WGS84 degrees; a station without coordinates is kept
/// (its data is still ingested and reported) and only excluded from spatial work.</summary>
public sealed record Station(
    string Id,
    string Name,
    double? Longitude,
    double? Latitude,
    string? City = null,
    string? Province = null,
    string? Type = null)
{
    public bool HasCoordinates => Longitude is not null && Latitude is not null;

    /// <summary>Checks that coordinates, when present, are finite and within [-180, 180] × [-90, 90].</summary>
    public static void ValidateCoordinates(string id, double? lon, double? lat, string where)
    {
        if (lon is { } x && (!double.IsFinite(x) || x < -180 || x > 180))
            throw new InputException($"{where}: station '{id}' has longitude {Fmt.D(x)}; expected a number in [-180, 180]");
        if (lat is { } y && (!double.IsFinite(y) || y < -90 || y > 90))
            throw new InputException($"{where}: station '{id}' has latitude {Fmt.D(y)}; expected a number in [-90, 90]");
    }
}
