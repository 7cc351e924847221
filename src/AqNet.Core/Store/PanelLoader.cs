using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>The fast path from the store to dense float32 arrays [time, station, variable] plus masks, for a
/// chosen station set, variables and UTC time range (inclusive hours). The panel carries the stations' UTC offset.</summary>
public static class PanelLoader
{
    /// <param name="stationIds">stations in the order wanted, or null for every station with data (sorted by id).</param>
    /// <param name="variables">variable names (see <see cref="Variables"/>).</param>
    /// <param name="fromUtc">first hour, or null for the earliest hour of the chosen stations.</param>
    /// <param name="toUtc">last hour (inclusive), or null for the latest.</param>
    public static Panel Load(AqStore store, IReadOnlyList<string>? stationIds, IReadOnlyList<string> variables, DateTime? fromUtc = null, DateTime? toUtc = null)
    {
        foreach (var v in variables) Variables.IndexOf(v);
        var all = StoreReader.Stations(store).Where(s => s.FirstHour is not null).ToDictionary(s => s.Station.Id);
        var chosen = new List<StoredStation>();
        foreach (var id in stationIds ?? [.. all.Keys.Order(StringComparer.Ordinal)])
            chosen.Add(all.TryGetValue(id, out var s) ? s
                : throw new InputException($"station '{id}' has no data in store '{store.Path}'; `aqnet stations --store {store.Path}` lists them"));
        if (chosen.Count == 0) throw new InputException($"store '{store.Path}' holds no station with data");
        var first = fromUtc is { } f ? HourAxis.ToHour(f) : chosen.Min(s => s.FirstHour!.Value);
        var last = toUtc is { } t ? HourAxis.ToHour(t) : chosen.Max(s => s.LastHour!.Value);
        var storeFirst = chosen.Min(s => s.FirstHour!.Value);
        var storeLast = chosen.Max(s => s.LastHour!.Value);
        if (last < first)
            throw new InputException($"time range {Fmt.Utc(HourAxis.ToUtc(first))} .. {Fmt.Utc(HourAxis.ToUtc(last))} is empty; expected from <= to");
        if (first > storeLast || last < storeFirst)
            throw new InputException($"time range {Fmt.Utc(HourAxis.ToUtc(first))} .. {Fmt.Utc(HourAxis.ToUtc(last))} lies outside the store's data, " +
                                     $"{Fmt.Utc(HourAxis.ToUtc(storeFirst))} .. {Fmt.Utc(HourAxis.ToUtc(storeLast))}");

        var panel = new Panel(HourAxis.ToUtc(first), last - first + 1, [.. chosen.Select(s => s.Station)], variables)
        {
            UtcOffsetHours = StoreReader.UtcOffsetHours(chosen),
        };
        var sIndex = chosen.Select((s, i) => (s.Station.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var vIndex = variables.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        using var cmd = store.Connection.CreateCommand();
        // A month chunk is at most 744 hours long, so chunks starting after `first - 744` can overlap the range.
        cmd.CommandText = "SELECT station_id, variable, start_hour, vals, flags FROM series " +
                          $"WHERE start_hour <= {last} AND start_hour > {first - 745} " +
                          $"AND variable IN ({string.Join(", ", variables.Select(AqStore.Quote))})";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if (!sIndex.TryGetValue(r.GetString(0), out var s)) continue;
            var v = vIndex[r.GetString(1)];
            var start = r.GetInt32(2);
            var chunk = StoreChunks.Read(r, 3, 4);
            var lo = Math.Max(first, start);
            var hi = Math.Min(last, start + chunk.Values.Length - 1);
            for (var h = lo; h <= hi; h++)
            {
                var x = chunk.Values[h - start];
                if (float.IsNaN(x)) continue;
                panel.Set(h - first, s, v, x, chunk.Flags[h - start]);
            }
        }
        return panel;
    }
}
