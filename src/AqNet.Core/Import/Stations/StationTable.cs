using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Reads one station list by its column names: one <see cref="Station"/> per row, in file order (repeated
/// ids are kept here; <see cref="StationLists.Merge"/> decides between them).</summary>
internal static class StationTable
{
    /// <param name="columns">Resolved names (Id, Longitude, Latitude set).</param>
    /// <param name="city">City of every station when the list has no city column (e.g. "Beijing").</param>
    /// <param name="given">The user's <c>--station-columns</c>: a name, city, province or type column it names must
    /// exist; one from the format's defaults is read when present.</param>
    public static List<Station> Read(string path, StationColumns columns, StationColumns? given, string? city = null) =>
        Read(TextTable.Read(path), columns, given, city);

    public static List<Station> Read(TextTable t, StationColumns columns, StationColumns? given, string? city = null)
    {
        var path = t.Path;
        ImportContext.CheckDelimiter(path, t.Header, ',');
        int Need(string key, string name) => t.TryColumn(name) is var i and >= 0 ? i
            : throw new InputException($"{path}, line 1: no column '{name}' (the station list's {key} column; give its name with {StationColumns.Option(key, "COLUMN")}); the header has {ImportContext.Columns(t.Header, ',')}");
        int Opt(string key, string? name, string? named) => name is null ? -1 : named is not null ? Need(key, name) : t.TryColumn(name);
        int id = Need("id", columns.Id!), lon = Need("lon", columns.Longitude!), lat = Need("lat", columns.Latitude!);
        int nm = Opt("name", columns.Name, given?.Name), ct = Opt("city", columns.City, given?.City),
            pr = Opt("province", columns.Province, given?.Province), ty = Opt("type", columns.Type, given?.Type);
        var list = new List<Station>(t.Rows.Count);
        foreach (var (line, c) in t.Rows)
        {
            var key = c[id].Trim();
            if (key.Length == 0) throw new InputException($"{path}, line {line}, column {id + 1} ({t.Header[id]}): empty; expected a station id");
            double? x = t.Coordinate(line, c, lon), y = t.Coordinate(line, c, lat);
            Station.ValidateCoordinates(key, x, y, $"{path}, line {line}");
            string? Cell(int i) => i >= 0 && c[i].Trim() is { Length: > 0 } s ? s : null;
            list.Add(new Station(key, Cell(nm) ?? key, x, y, Cell(ct) ?? city, Cell(pr), Cell(ty)));
        }
        return list;
    }
}
