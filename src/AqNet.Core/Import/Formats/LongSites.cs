using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>The sites/stations file of a long table, columns named in <see cref="LongFormatOptions"/>. Several rows
/// per station (EPA: one per site/poc/method) are allowed: the first row wins and differing coordinates are noted.</summary>
internal static class LongSites
{
    public static Dictionary<string, Station> Read(string path, LongFormatOptions o, List<string> notes)
    {
        var t = TextTable.Read(path);
        ImportContext.CheckDelimiter(path, t.Header, ',');
        int id = t.Column(o.StationsIdColumn), lon = t.Column(o.StationsLongitudeColumn), lat = t.Column(o.StationsLatitudeColumn);
        int name = t.TryColumn(o.StationsNameColumn), city = t.TryColumn(o.StationsCityColumn), province = t.TryColumn(o.StationsProvinceColumn);
        var d = new Dictionary<string, Station>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var (line, c) in t.Rows)
        {
            var key = c[id].Trim();
            double? x = t.Coordinate(line, c, lon), y = t.Coordinate(line, c, lat);
            Station.ValidateCoordinates(key, x, y, $"{path}, line {line}");
            if (d.TryGetValue(key, out var prev))
            {
                if (prev.Longitude != x || prev.Latitude != y) conflicts.Add(key);
                continue;
            }
            d[key] = new Station(key, name >= 0 ? c[name].Trim() : key, x, y, city >= 0 ? c[city].Trim() : null, province >= 0 ? c[province].Trim() : null);
        }
        if (conflicts.Count > 0)
            notes.Add($"{conflicts.Count} stations have rows with different coordinates in {path}; the first row was used: {string.Join(", ", conflicts.Distinct().Take(20))}");
        return d;
    }
}
