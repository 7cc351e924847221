using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Column names of a station list (<c>--station-columns id=code,lon=经度,lat=纬度</c>). Every key is optional:
/// one not given keeps the format's own name (<see cref="Over"/>). Id, Longitude and Latitude are needed once resolved.</summary>
public sealed record StationColumns
{
    public string? Id { get; init; }
    public string? Longitude { get; init; }
    public string? Latitude { get; init; }
    public string? Name { get; init; }
    public string? City { get; init; }
    public string? Province { get; init; }
    public string? Type { get; init; }

    /// <summary>The keys of <see cref="Parse"/>, in the order they are shown.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["id", "lon", "lat", "name", "city", "province", "type"];

    /// <summary>The plain layout <c>station,longitude,latitude</c>.</summary>
    public static StationColumns Plain { get; } = new() { Id = "station", Longitude = "longitude", Latitude = "latitude" };

    /// <summary>This mapping with the keys it does not give taken from <paramref name="defaults"/>.</summary>
    public StationColumns Over(StationColumns defaults) => new()
    {
        Id = Id ?? defaults.Id, Longitude = Longitude ?? defaults.Longitude, Latitude = Latitude ?? defaults.Latitude,
        Name = Name ?? defaults.Name, City = City ?? defaults.City, Province = Province ?? defaults.Province, Type = Type ?? defaults.Type,
    };

    /// <summary>"id=code,lon=经度,lat=纬度[,name=..][,city=..][,province=..][,type=..]"; lon/lat also as longitude/latitude.</summary>
    public static StationColumns Parse(string text)
    {
        var c = new StationColumns();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq].Trim().ToLowerInvariant();
            var column = eq < 0 ? "" : part[(eq + 1)..].Trim();
            if (column.Length == 0)
                throw new InputException($"--station-columns {text}: '{part}' names no column; expected key=column pairs such as id=code,lon=经度,lat=纬度 (keys: {string.Join(", ", Keys)})");
            key = key switch { "longitude" => "lon", "latitude" => "lat", _ => key };
            if (!seen.Add(key)) throw new InputException($"--station-columns {text}: '{key}' is given twice; expected each key once");
            c = key switch
            {
                "id" => c with { Id = column },
                "lon" => c with { Longitude = column },
                "lat" => c with { Latitude = column },
                "name" => c with { Name = column },
                "city" => c with { City = column },
                "province" => c with { Province = column },
                "type" => c with { Type = column },
                _ => throw new InputException($"--station-columns {text}: '{key}' is not a key; expected key=column pairs with keys {string.Join(", ", Keys)}"),
            };
        }
        if (seen.Count == 0) throw new InputException($"--station-columns '{text}': no key=column pair; expected e.g. id=code,lon=经度,lat=纬度");
        return c;
    }

    /// <summary>The option text for a key's column, for messages: "--station-columns id=code".</summary>
    internal static string Option(string key, string column) => $"--station-columns {key}={column}";
}
