using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>The sites/stations lists of a long or wide table: their columns are named in <see cref="LongFormatOptions"/>
/// (the preset's names) under <c>--station-columns</c>. Several rows per station (EPA: one per site/poc/method) are
/// allowed: the first row wins, blank coordinates are filled from a later row and differing coordinates are noted.</summary>
internal static class LongSites
{
    public static (Dictionary<string, Station> Sites, string? Label) Read(ImportOptions options, IReadOnlyList<InputEntry> entries, List<string> notes)
    {
        var o = options.Long ?? new LongFormatOptions();
        var columns = options.StationColumns?.Over(Defaults(o)) ?? Defaults(o);
        return ImportContext.ReadStationLists(ImportContext.LocateStations(options, entries, mergeAll: false, "sites.csv", "stations.csv"),
            p => StationTable.Read(p, columns, options.StationColumns), notes);
    }

    private static StationColumns Defaults(LongFormatOptions o) => new()
    {
        Id = o.StationsIdColumn, Longitude = o.StationsLongitudeColumn, Latitude = o.StationsLatitudeColumn,
        Name = o.StationsNameColumn, City = o.StationsCityColumn, Province = o.StationsProvinceColumn,
    };
}
