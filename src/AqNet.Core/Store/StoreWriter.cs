using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Store;

/// <summary>Writes an import batch into a store in one transaction. Merge rule: a value the batch observed
/// replaces the stored value at that station, variable and hour; a cell the batch did not observe leaves the stored
/// one alone; QC flags are recomputed over the merged series (<see cref="StoreMerge"/>). Ingesting the same files
/// twice therefore changes nothing.</summary>
public static class StoreWriter
{
    /// <param name="prepareStation">Run on each station's series just before their chunks are built, on worker threads
    /// while this thread appends earlier stations' chunks (the ingest's quality control, which so overlaps the write).</param>
    public static void Ingest(AqStore store, ImportBatch batch, IProgress<string>? progress = null, Action<SeriesBuilder[]>? prepareStation = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var spans = StationSpans(batch);
        var tx = store.Connection.BeginTransaction();
        try
        {
            StoreMigration.Upgrade(store);
            store.Execute(StoreSchema.ObservationsView);
            int chunks;
            if (Convert.ToInt64(store.Scalar("SELECT count(*) FROM series"), Fmt.Inv) == 0)
            {
                // Nothing to merge with: chunks are built on worker threads while this thread appends them.
                progress?.Report($"writing month chunks for {spans.Count:N0} stations");
                chunks = AppendChunks(store, Streamed(batch, prepareStation));
            }
            else
            {
                progress?.Report($"merging with the stored series of {spans.Count:N0} stations");
                chunks = AppendChunks(store, StoreMerge.Merge(store, batch, prepareStation));
            }
            progress?.Report($"appended {chunks:N0} chunks at {clock.Elapsed.TotalSeconds:F2} s");
            UpsertStations(store, batch, spans);
            LogIngest(store, batch);
            tx.Commit();
            progress?.Report($"committed at {clock.Elapsed.TotalSeconds:F2} s");
        }
        catch (Exception e)
        {
            // The write error is the one to report: a rollback failing after it (a full disk) must not replace it,
            // and DuckDB discards an uncommitted transaction when the connection closes anyway.
            try { tx.Rollback(); }
            catch (Exception) { }
            if (StoreErrors.Describe(e, store.Path) is { } described) throw described;
            throw;
        }
        finally
        {
            try { tx.Dispose(); }
            catch (Exception) { }   // disposing rolls back again if the rollback above failed; that error is not news
        }
        try { store.Execute("CHECKPOINT"); }
        catch (Exception e) when (StoreErrors.Describe(e, store.Path) is { } described)
        {
            throw new InputException(described.Message.Replace("the store was left as it was", "the ingest is committed in the store's log (.wal) and is applied when the store is next opened with space", StringComparison.Ordinal), e);
        }
        progress?.Report($"checkpointed at {clock.Elapsed.TotalSeconds:F2} s");
    }

    /// <summary>The batch's month chunks station by station, built in parallel ahead of the consumer.</summary>
    private static IEnumerable<(ChunkKey, Chunk)> Streamed(ImportBatch batch, Action<SeriesBuilder[]>? prepareStation) =>
        batch.Series.Select(kv => kv.Value).Where(s => !s.IsEmpty).GroupBy(s => s.StationId, StringComparer.Ordinal)
            .Select(g => g.ToArray()).ToArray().AsParallel().AsOrdered()
            .SelectMany(station =>
            {
                prepareStation?.Invoke(station);
                return station.SelectMany(s => SeriesChunks(s.StationId, s.Variable, s));
            });

    /// <summary>One series as month chunks holding at least one observed value.</summary>
    internal static List<(ChunkKey, Chunk)> SeriesChunks(string station, string variable, SeriesBuilder series)
    {
        var list = new List<(ChunkKey, Chunk)>();
        var flags = series.DenseFlags();
        for (var h = series.FirstHour; h <= series.LastHour;)
        {
            var (start, end) = ChunkKey.MonthOf(h);
            var chunk = new Chunk(end - start);
            var any = false;
            for (; h <= series.LastHour && h < end; h++)
            {
                if (!series.IsObserved(h)) continue;
                chunk.Values[h - start] = series.Get(h);
                chunk.Flags[h - start] = flags[h - series.FirstHour];
                any = true;
            }
            if (any) list.Add((new ChunkKey(station, variable, start), chunk));
        }
        return list;
    }

    /// <summary>Each station's first and last absolute hour over all its series in the batch.</summary>
    internal static Dictionary<string, (int First, int Last)> StationSpans(ImportBatch batch)
    {
        var spans = new Dictionary<string, (int First, int Last)>();
        foreach (var (key, s) in batch.Series)
        {
            if (s.IsEmpty) continue;
            spans[key.Station] = spans.TryGetValue(key.Station, out var sp)
                ? (Math.Min(sp.First, s.FirstHour), Math.Max(sp.Last, s.LastHour))
                : (s.FirstHour, s.LastHour);
        }
        return spans;
    }

    /// <summary>Appends chunks as rows of <paramref name="table"/> (the series table's layout); returns how many.</summary>
    internal static int AppendChunks(AqStore store, IEnumerable<(ChunkKey, Chunk)> chunks, string table = "series")
    {
        var n = 0;
        var buffers = new Dictionary<int, byte[]>();   // one blob buffer per month length (28-31 days × 24 h)
        using var app = store.Connection.CreateAppender(table);
        foreach (var (k, c) in chunks)
        {
            n++;
            if (!buffers.TryGetValue(c.Values.Length, out var blob)) buffers[c.Values.Length] = blob = new byte[c.Values.Length * sizeof(float)];
            StoreChunks.WriteBlob(c.Values, blob);
            var row = app.CreateRow().AppendValue(k.Station).AppendValue(k.Variable).AppendValue(k.StartHour).AppendValue(blob);
            if (c.Flags.AsSpan().IndexOfAnyExcept((byte)0) < 0) row.AppendNullValue(); // most chunks carry no flag: store NULL
            else row.AppendValue((IEnumerable<byte>)c.Flags);
            row.EndRow();
        }
        return n;
    }

    /// <summary>All stations in one statement: appended to a temp table, then merged (single-row upserts cost
    /// ~20 ms each in DuckDB, which for the national network's 1,600 stations dominated the ingest).</summary>
    private static void UpsertStations(AqStore store, ImportBatch batch, Dictionary<string, (int First, int Last)> spans)
    {
        store.Execute("CREATE OR REPLACE TEMP TABLE new_stations AS SELECT * FROM stations LIMIT 0");
        using (var app = store.Connection.CreateAppender("new_stations"))
            foreach (var st in batch.Stations)
            {
                var row = app.CreateRow().AppendValue(st.Id).AppendValue(st.Name).AppendValue(st.Longitude).AppendValue(st.Latitude)
                    .AppendValue(st.City).AppendValue(st.Province).AppendValue(st.Type).AppendValue(batch.Source).AppendValue(batch.TimeZoneOf(st.Id));
                if (spans.TryGetValue(st.Id, out var sp)) row.AppendValue(sp.First).AppendValue(sp.Last);
                else row.AppendNullValue().AppendNullValue();
                row.EndRow();
            }
        store.Execute("""
            INSERT INTO stations SELECT * FROM new_stations
            ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                longitude = coalesce(excluded.longitude, stations.longitude), latitude = coalesce(excluded.latitude, stations.latitude),
                city = coalesce(excluded.city, stations.city), province = coalesce(excluded.province, stations.province),
                type = coalesce(excluded.type, stations.type), source = excluded.source, time_zone = excluded.time_zone,
                first_hour = least(excluded.first_hour, stations.first_hour), last_hour = greatest(excluded.last_hour, stations.last_hour)
            """);
    }

    private static void LogIngest(AqStore store, ImportBatch batch)
    {
        var id = Convert.ToInt32(store.Scalar("SELECT coalesce(max(id), 0) + 1 FROM ingests"), Fmt.Inv);
        var observed = batch.Series.Sum(kv => kv.Value.ObservedCount());
        var q = AqStore.Quote;
        store.Execute($"INSERT INTO ingests VALUES ({id}, now()::TIMESTAMP, {q(batch.Source)}, {q(batch.SourceTimeZone)}, " +
                      $"{q(string.Join("; ", batch.Files))}, {batch.Stations.Count}, {observed}, {q(string.Join("\n", batch.Notes))})");
    }
}
