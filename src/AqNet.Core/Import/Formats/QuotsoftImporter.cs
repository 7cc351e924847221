using System.Collections.Concurrent;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>CNEMC (china_sites_YYYYMMDD.csv, columns = station codes) and BJMEMC (beijing_all/extra_YYYYMMDD.csv,
/// columns = Chinese station names mapped through stations.csv) daily files, parsed in parallel by
/// <see cref="QuotsoftDay"/> and merged in input order. Every station column is ingested, with or without coordinates.</summary>
internal static class QuotsoftImporter
{
    public static ImportBatch ReadCnemc(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var entries = InputResolver.Resolve(paths, n => n.StartsWith("china_sites_", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase), "CNEMC china_sites_YYYYMMDD.csv");
        var paths0 = ImportContext.LocateStations(options, entries, mergeAll: true, CnemcStationLists.Names);
        var notes = new List<string>();
        var (list, label) = ImportContext.ReadStationLists(paths0, p => CnemcStationLists.Read(p, options.StationColumns), notes);
        var codes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // one string instance per code across files
        var batch = Run(entries, options, progress, ct, "cnemc", (code, _) => codes.GetOrAdd(code, code), out var ctx, out var seen);
        batch.Notes.AddRange(notes);
        ctx.AddStations(seen, id => list.GetValueOrDefault(id), label ?? "a station list (no NewSiteList.csv / station_info.csv given or found beside the input)");
        return batch;
    }

    public static ImportBatch ReadBjmemc(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var entries = InputResolver.Resolve(paths, n => n.StartsWith("beijing_", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase), "BJMEMC beijing_all/extra_YYYYMMDD.csv");
        var paths0 = ImportContext.LocateStations(options, entries, mergeAll: false, "stations.csv");
        if (paths0.Count == 0)
            throw new InputException("bjmemc needs its station list (name_zh,station_id,longitude,latitude,station_type) to map the Chinese column names: give it with --stations or put stations.csv beside the input");
        var notes = new List<string>();
        var columns = options.StationColumns?.Over(BjmemcColumns) ?? BjmemcColumns;
        var (byName, path) = ImportContext.ReadStationLists(paths0,
            p => [.. StationTable.Read(p, columns, options.StationColumns, "Beijing").Select(s => s with { Province = s.Province ?? "Beijing" })], notes, s => s.Name);
        var batch = Run(entries, options, progress, ct, "bjmemc", (name, col) => byName.TryGetValue(name, out var s) ? s.Id : throw new InputException(
            $"column {col} is station '{name}', which is not in {path}; expected one of the {byName.Count} names there"), out var ctx, out var seen);
        var byId = new Dictionary<string, Station>(StringComparer.Ordinal);
        foreach (var st in byName.Values) byId.TryAdd(st.Id, st);
        batch.Notes.AddRange(notes);
        ctx.AddStations(seen, id => byId.GetValueOrDefault(id), path!);
        return batch;
    }

    private static ImportBatch Run(List<InputEntry> entries, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct,
        string source, Func<string, int, string> mapStation, out ImportContext ctx, out HashSet<string> seen)
    {
        var batch = new ImportBatch(source, "UTC+08:00 (Beijing)") { SeriesCapacityHours = 24 * entries.Count + 24 }; // a day per file
        var c = ctx = new ImportContext(batch, entries.Count, progress);
        var s = seen = new HashSet<string>(StringComparer.Ordinal);
        var unknownTypes = new Dictionary<string, int>(StringComparer.Ordinal);
        FileRunner.Run(entries, options.MaxParallelism, (e, opener) =>
        {
            using var stream = opener.Open(e);
            try { return QuotsoftDay.Parse(e, stream, mapStation); }
            catch (InputException ex) when (!ex.Message.StartsWith(e.Display, StringComparison.Ordinal))
            { throw new InputException($"{e.Display}, line 1: {ex.Message}", ex); }
        }, (e, day) =>
        {
            Merge(batch, e, day);
            // a header without rows (a cut or empty day) names stations but adds no data: they are not added
            if (day.CutOff is { } cut) batch.Notes.Add(cut);
            if (day.Rows > 0) s.UnionWith(day.StationIds);
            else batch.Notes.Add($"{e.Display} has a header but no data rows; its {day.StationIds.Length:N0} station columns were not added");
            foreach (var (t, n) in day.UnknownTypes) unknownTypes[t] = unknownTypes.GetValueOrDefault(t) + n;
            c.FileDone(e, day.Rows);
            day.Release();
        }, ct);
        foreach (var (t, n) in unknownTypes) batch.Notes.Add($"{n} rows of unknown type '{t}' were skipped (only PM2.5, PM10, SO2, NO2, O3, CO are hourly types)");
        return batch;
    }

    /// <summary>Copies one day into the batch: each station column is mapped to its SeriesBuilder once per file.
    /// Column by column (one series, its hours in order) rather than row by row: a row touches ~10,000 different
    /// series, which made this single-threaded merge the slowest part of reading the national network.</summary>
    private static void Merge(ImportBatch batch, InputEntry e, QuotsoftDay day)
    {
        var n = day.StationIds.Length;
        var values = day.Values;
        for (var v = 0; v < QuotsoftDay.HourlyVariables.Length; v++)
        {
            var rows = Enumerable.Range(0, day.Rows).Where(r => day.VariableIndex[r] == v).ToArray();
            if (rows.Length == 0) continue;
            var hours = rows.Select(r => day.Hours[r]).ToArray();
            // Rows of one type are usually consecutive in the file (hours 0..23): then a column is a strided run.
            var evenlySpaced = rows.Zip(rows.Skip(1), (a, b) => b - a).Distinct().Count() <= 1;
            var rowStride = rows.Length > 1 ? rows[1] - rows[0] : 1;
            for (var c = 0; c < n; c++)
            {
                var series = batch.GetOrAddSeries(day.StationIds[c], QuotsoftDay.HourlyVariables[v]);
                var from = 0;
                if (evenlySpaced)
                {
                    from = series.TrySetStrided(hours, values, rows[0] * n + c, rowStride * n);
                    if (from < 0) continue;   // all set; else from the first repeated hour on, one by one
                }
                for (var k = from; k < rows.Length; k++)
                    if (!series.TrySet(hours[k], values[rows[k] * n + c])) Duplicate(series, e, day, rows[k], hours[k], c);
            }
        }
    }

    private static void Duplicate(SeriesBuilder series, InputEntry e, QuotsoftDay day, int row, int hour, int column) =>
        series.Set(hour, day.Values[row * day.StationIds.Length + column], $"{e.Display}, line {day.Lines[row]}, column {day.ColumnNumbers[column]}"); // an identical repeat is counted, another value refused

    /// <summary>BJMEMC's stations.csv: the Chinese name (the data's column header) is the key.</summary>
    private static readonly StationColumns BjmemcColumns = new() { Id = "station_id", Name = "name_zh", Longitude = "longitude", Latitude = "latitude", Type = "station_type" };
}
