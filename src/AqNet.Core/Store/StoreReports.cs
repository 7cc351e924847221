using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>What `aqnet stations` and `aqnet inspect` print. The JSON shape of inspect is a contract scripts
/// rely on: {"store", "hour_axis": {"first_utc", "last_utc", "hours"}, "stations": [{"id", "name", "longitude",
/// "latitude", "hours", "first_utc", "last_utc", "variables": {"PM2.5": {"observed", "missing", "flagged",
/// "flags": {...}}}}]}, plus "filled" (counts, span, method, coverage) when `aqnet fill` has written the store's filled
/// table. A station's "hours" is its own span; "missing" counts the hours of the store's axis.</summary>
public static class StoreReports
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JsonText.Encoder };

    public static string Stations(AqStore store, bool json)
    {
        var stations = StoreReader.Stations(store);
        if (json)
        {
            var arr = new JsonArray([.. stations.Select(s => (JsonNode)StationNode(s))]);
            return arr.ToJsonString(Indented);
        }
        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"{"id",-14} {"name",-24} {"lon",10} {"lat",9} {"hours",7}  source");
        foreach (var s in stations)
            // Padded by display columns: a Chinese or Japanese name takes two per character (TextWidth).
            sb.AppendLine(Fmt.Inv, $"{TextWidth.PadRight(s.Station.Id, 14)} {TextWidth.Fit(s.Station.Name, 24)} {Coord(s.Station.Longitude),10} {Coord(s.Station.Latitude),9} {s.Hours,7}  {s.Source}");
        var without = stations.Count(s => !s.Station.HasCoordinates);
        sb.AppendLine(Fmt.Inv, $"{stations.Count} stations, {stations.Count - without} with coordinates, {without} without (kept; excluded from spatial work)");
        return sb.ToString();
    }

    public static string Inspect(AqStore store, string? stationId, bool json)
    {
        var all = StoreReader.Stations(store);
        var stations = all.Where(s => stationId is null || s.Station.Id == stationId).ToList();
        var coverage = StoreReader.Coverage(store, stationId);
        var axis = StoreReader.HourAxisOf(all);
        var axisHours = axis is { } a ? a.Last - a.First + 1 : 0;
        if (json)
        {
            var arr = new JsonArray();
            foreach (var s in stations)
            {
                var node = StationNode(s);
                var vars = new JsonObject();
                foreach (var c in coverage.GetValueOrDefault(s.Station.Id) ?? [])
                {
                    var flags = new JsonObject();
                    foreach (var (k, v) in c.FlagCounts) flags[k] = v;
                    vars[c.Variable] = new JsonObject { ["observed"] = c.Observed, ["missing"] = c.Missing, ["flagged"] = c.Flagged, ["flags"] = flags };
                }
                node["variables"] = vars;
                arr.Add(node);
            }
            var axisNode = axis is { } x
                ? new JsonObject { ["first_utc"] = Fmt.Utc(HourAxis.ToUtc(x.First)), ["last_utc"] = Fmt.Utc(HourAxis.ToUtc(x.Last)), ["hours"] = axisHours }
                : null;
            var result = new JsonObject { ["store"] = store.Path, ["hour_axis"] = axisNode, ["stations"] = arr };
            if (FilledStore.Summary(store) is { } filled) result["filled"] = FilledNode(filled);
            return result.ToJsonString(Indented);
        }
        var sb = new StringBuilder();
        if (axis is { } ax)
            sb.AppendLine(string.Create(Fmt.Inv, $"hour axis of the store: {Fmt.Utc(HourAxis.ToUtc(ax.First))} .. {Fmt.Utc(HourAxis.ToUtc(ax.Last))} ({axisHours:N0} h); ") +
                          "missing = hours of this axis without a value; hours = the station's own first to last hour");
        sb.AppendLine(Fmt.Inv, $"{"station",-14} {"variable",-8} {"hours",7} {"observed",9} {"missing",8} {"miss%",6} {"flagged",8}");
        foreach (var s in stations)
            foreach (var c in coverage.GetValueOrDefault(s.Station.Id) ?? [])
                sb.AppendLine(Fmt.Inv, $"{s.Station.Id,-14} {c.Variable,-8} {s.Hours,7} {c.Observed,9} {c.Missing,8} {Pct(c.Missing, axisHours),6} {c.Flagged,8}");
        if (FilledStore.Summary(store) is { } f)
        {
            var held = f.MeasuredCoverage is { } m ? $" (held {Fmt.F(100 * m, 1)}% of held-out values)" : "";
            sb.AppendLine(Fmt.Inv, $"filled PM2.5 (aqnet fill): {f.Stations} stations, {Fmt.Utc(f.FromUtc)} .. {Fmt.Utc(f.ToUtc)}, {f.Observed:N0} observed, {f.Filled:N0} filled, {f.Flagged:N0} observed but QC-flagged; {Fmt.D(100 * f.Coverage)}% intervals{held}");
        }
        return sb.ToString();
    }

    private static JsonObject FilledNode(FilledSummary f) => new()
    {
        ["stations"] = f.Stations, ["first_utc"] = Fmt.Utc(f.FromUtc), ["last_utc"] = Fmt.Utc(f.ToUtc), ["observed"] = f.Observed,
        ["filled"] = f.Filled, ["observed_qc_flagged"] = f.Flagged, ["method"] = f.Method, ["coverage"] = f.Coverage,
        ["measured_coverage"] = f.MeasuredCoverage,
    };

    private static JsonObject StationNode(StoredStation s) => new()
    {
        ["id"] = s.Station.Id,
        ["name"] = s.Station.Name,
        ["longitude"] = s.Station.Longitude,
        ["latitude"] = s.Station.Latitude,
        ["city"] = s.Station.City,
        ["province"] = s.Station.Province,
        ["type"] = s.Station.Type,
        ["source"] = s.Source,
        ["time_zone"] = s.TimeZone,
        ["hours"] = s.Hours,
        ["first_utc"] = s.FirstHour is { } f ? Fmt.Utc(HourAxis.ToUtc(f)) : null,
        ["last_utc"] = s.LastHour is { } l ? Fmt.Utc(HourAxis.ToUtc(l)) : null,
    };

    private static string Pct(long part, long whole) => whole == 0 ? "-" : Fmt.F(100.0 * part / whole, 1);
    private static string Coord(double? d) => d is { } x ? Fmt.F(x, 4) : "-";
}
