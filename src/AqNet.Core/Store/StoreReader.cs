using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>One station's span in the store: absolute hours [FirstHour, LastHour] (null when it has no data).</summary>
public sealed record StoredStation(Station Station, string Source, string TimeZone, int? FirstHour, int? LastHour)
{
    public int Hours => FirstHour is { } f && LastHour is { } l ? l - f + 1 : 0;
}

/// <summary>Counts for one station and variable over the station's hourly axis. Flag counts are by QC bit.</summary>
public sealed record VariableCoverage(string Variable, long Observed, long Missing, long Flagged, IReadOnlyDictionary<string, long> FlagCounts);

public static class StoreReader
{
    public static IReadOnlyList<StoredStation> Stations(AqStore store)
    {
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = "SELECT id, name, longitude, latitude, city, province, type, source, time_zone, first_hour, last_hour FROM stations ORDER BY id";
        using var r = cmd.ExecuteReader();
        var list = new List<StoredStation>();
        while (r.Read())
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
            int? I(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
            list.Add(new StoredStation(new Station(r.GetString(0), r.GetString(1), D(2), D(3), S(4), S(5), S(6)), S(7) ?? "", S(8) ?? "", I(9), I(10)));
        }
        return list;
    }

    /// <summary>The network's local UTC offset in whole hours, from the time zones the stations' sources recorded at
    /// ingest ("UTC+08:00 (Beijing)", "UTC", or an IANA zone, whose standard offset is taken): the offset most stations
    /// have (ties: the smaller), 0 when no station's zone names an offset.</summary>
    public static int UtcOffsetHours(IReadOnlyList<StoredStation> stations) =>
        Preprocessing.CyclicEncoding.NetworkOffset(stations.Select(s => s.TimeZone));

    /// <summary>The store's hour axis: from the first hour of its earliest station to the last hour of its latest
    /// (null for a store without observations). Panels and missing counts use it.</summary>
    public static (int First, int Last)? HourAxisOf(IReadOnlyList<StoredStation> stations)
    {
        var spans = stations.Where(s => s.FirstHour is not null && s.LastHour is not null).ToArray();
        return spans.Length == 0 ? null : (spans.Min(s => s.FirstHour!.Value), spans.Max(s => s.LastHour!.Value));
    }

    /// <summary>Coverage per station (id → variable → counts), optionally for one station. Missing = hours of the
    /// store's whole axis (<see cref="HourAxisOf"/>) without a value, so stations that started late or stopped early
    /// count those hours as missing and every station is counted over the same hours.</summary>
    public static Dictionary<string, List<VariableCoverage>> Coverage(AqStore store, string? stationId = null)
    {
        var all = Stations(store);
        var axisHours = HourAxisOf(all) is { } axis ? axis.Last - axis.First + 1 : 0;
        if (stationId is not null && all.All(s => s.Station.Id != stationId))
            throw new InputException($"station '{stationId}' is not in store '{store.Path}'; `aqnet stations --store {store.Path}` lists them");
        // (station, variable) → observed, flagged, count per QC bit; counted here because `vals` is a float32 blob
        var counts = new Dictionary<(string Station, string Variable), long[]>();
        foreach (var (key, chunk) in StoreChunks.Query(store, "SELECT station_id, variable, start_hour, vals, flags FROM series" +
                                                              (stationId is null ? "" : " WHERE station_id = " + AqStore.Quote(stationId))))
        {
            if (!counts.TryGetValue((key.Station, key.Variable), out var c)) counts[(key.Station, key.Variable)] = c = new long[2 + QcBits.Length];
            for (var i = 0; i < chunk.Values.Length; i++)
            {
                if (!float.IsNaN(chunk.Values[i])) c[0]++;
                var f = chunk.Flags[i];
                if (f == 0) continue;
                c[1]++;
                for (var b = 0; b < QcBits.Length; b++) if ((f & QcBits[b].Bit) != 0) c[2 + b]++;
            }
        }
        var result = new Dictionary<string, List<VariableCoverage>>();
        foreach (var ((id, variable), c) in counts.OrderBy(kv => kv.Key.Station, StringComparer.Ordinal).ThenBy(kv => kv.Key.Variable, StringComparer.Ordinal))
        {
            var flagCounts = new Dictionary<string, long>();
            for (var b = 0; b < QcBits.Length; b++) flagCounts[QcBits[b].Name] = c[2 + b];
            if (!result.TryGetValue(id, out var list)) result[id] = list = [];
            list.Add(new VariableCoverage(variable, c[0], axisHours - c[0], c[1], flagCounts));
        }
        return result;
    }

    /// <summary>QC bit names as stored (the bits are defined by the importers' quality control).</summary>
    public static readonly (int Bit, string Name)[] QcBits =
        [(1, "out_of_bounds"), (2, "spike"), (4, "constant_run"), (8, "pm25_above_pm10"), (16, "reconciled")];
}

/// <summary>A fingerprint of a store's content: the stations with their spans and coordinates, and the log of
/// ingests (source, files, counts). Models record it so they are not applied to another store by mistake.</summary>
public static class StoreFingerprint
{
    public static string Of(AqStore store)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var s in StoreReader.Stations(store))
            sb.Append(Fmt.Inv, $"{s.Station.Id}|{s.FirstHour}|{s.LastHour}|{s.Station.Longitude:R}|{s.Station.Latitude:R}\n");
        using (var cmd = store.Connection.CreateCommand())
        {
            cmd.CommandText = "SELECT source, files, stations, observed FROM ingests ORDER BY id";
            using var r = cmd.ExecuteReader();
            while (r.Read()) sb.Append(Fmt.Inv, $"{r.GetValue(0)}|{r.GetValue(1)}|{r.GetValue(2)}|{r.GetValue(3)}\n");
        }
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sb.ToString()));
        return "store:" + Convert.ToHexString(hash)[..16].ToLowerInvariant();
    }
}
