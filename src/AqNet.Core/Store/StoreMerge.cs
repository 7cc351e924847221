using AqNet.Core.Import;

namespace AqNet.Core.Store;

/// <summary>An ingest into a store that already holds data: every series of each station the batch touches is rebuilt
/// from the stored values overlaid with the batch's observed values (a value the batch observed replaces the stored
/// one and its flags; a cell the batch did not observe keeps the stored one and its flags), and the ingest's quality
/// control runs over these merged series. The QC rules read neighbouring hours (spikes, constant runs) and the
/// station's PM2.5 against its PM10, so re-ingesting part of the data gives every value the flags it would get from
/// one ingest of everything: identical values keep identical flags.</summary>
internal static class StoreMerge
{
    /// <summary>Loads the stored chunks of the batch's stations, deletes them from the store, and returns the merged
    /// month chunks station by station (built and checked in parallel ahead of the consumer). The batch's series get the
    /// flags QC gave their values in the merged series, so the ingest summary reports them.</summary>
    public static IEnumerable<(ChunkKey, Chunk)> Merge(AqStore store, ImportBatch batch, Action<SeriesBuilder[]>? prepareStation)
    {
        var fresh = batch.Series.Select(kv => kv.Value).Where(s => !s.IsEmpty).GroupBy(s => s.StationId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var stored = LoadAndDelete(store, fresh.Keys);
        return fresh.ToArray().AsParallel().AsOrdered().SelectMany(kv =>
        {
            var merged = MergeStation(kv.Key, stored.GetValueOrDefault(kv.Key) ?? [], kv.Value);
            prepareStation?.Invoke(merged);
            CopyFlagsBack(merged, kv.Value);
            return merged.SelectMany(s => StoreWriter.SeriesChunks(s.StationId, s.Variable, s));
        });
    }

    private static Dictionary<string, List<(ChunkKey Key, Chunk Chunk)>> LoadAndDelete(AqStore store, IEnumerable<string> stations)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE touched(station_id VARCHAR)");
        using (var app = store.Connection.CreateAppender("touched"))
            foreach (var s in stations) app.CreateRow().AppendValue(s).EndRow();
        var stored = new Dictionary<string, List<(ChunkKey, Chunk)>>(StringComparer.Ordinal);
        foreach (var (key, chunk) in StoreChunks.Query(store, "SELECT station_id, variable, start_hour, vals, flags FROM series WHERE station_id IN (SELECT station_id FROM touched)"))
        {
            if (!stored.TryGetValue(key.Station, out var list)) stored[key.Station] = list = [];
            list.Add((key, chunk));
        }
        store.Execute("DELETE FROM series WHERE station_id IN (SELECT station_id FROM touched)");
        return stored;
    }

    private static SeriesBuilder[] MergeStation(string station, List<(ChunkKey Key, Chunk Chunk)> stored, SeriesBuilder[] fresh)
    {
        var byVariable = new Dictionary<string, (SeriesBuilder Series, Dictionary<int, byte> Bits)>(StringComparer.Ordinal);
        (SeriesBuilder Series, Dictionary<int, byte> Bits) Get(string variable) =>
            byVariable.TryGetValue(variable, out var m) ? m : byVariable[variable] = (new SeriesBuilder(station, variable), []);
        foreach (var (key, chunk) in stored.OrderBy(c => c.Key.StartHour))
        {
            var m = Get(key.Variable);
            for (var i = 0; i < chunk.Values.Length; i++)
            {
                if (float.IsNaN(chunk.Values[i])) continue;
                m.Series.TrySet(key.StartHour + i, chunk.Values[i]);
                if (chunk.Flags[i] != 0) m.Bits[key.StartHour + i] = chunk.Flags[i];   // QC clears all but the importer's bits
            }
        }
        foreach (var s in fresh)
        {
            var m = Get(s.Variable);
            var flags = s.Flags.Length == s.Length ? s.Flags : null;   // the importer's bits, when it set any
            for (var h = s.FirstHour; h <= s.LastHour; h++)
            {
                if (!s.IsObserved(h)) continue;
                m.Series.Overwrite(h, s.Get(h));
                var bits = flags is null ? (byte)0 : flags[h - s.FirstHour];
                if (bits != 0) m.Bits[h] = bits;
                else m.Bits.Remove(h);
            }
        }
        var result = byVariable.Values.Where(m => !m.Series.IsEmpty).ToArray();
        foreach (var (series, bits) in result)
        {
            var f = series.DenseFlags();
            foreach (var (h, b) in bits) f[h - series.FirstHour] = b;
        }
        return result.Select(m => m.Series).ToArray();
    }

    private static void CopyFlagsBack(SeriesBuilder[] merged, SeriesBuilder[] fresh)
    {
        foreach (var s in fresh)
        {
            var m = merged.FirstOrDefault(x => x.Variable == s.Variable);
            if (m is null) continue;   // the batch's series only had blank cells
            var f = s.DenseFlags();
            for (var h = s.FirstHour; h <= s.LastHour; h++)
                if (s.IsObserved(h)) f[h - s.FirstHour] = m.Flags[h - m.FirstHour];
        }
    }
}
