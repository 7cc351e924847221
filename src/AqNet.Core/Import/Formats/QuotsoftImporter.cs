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
        var lists = new List<(string Path, Dictionary<string, Station> Stations)>();
        if (options.StationsFile is not null)
        {
            var p = ImportContext.LocateStations(options, entries)!;
            lists.Add((p, CnemcStationLists.Read(p)));
        }
        else
        {
            foreach (var name in new[] { "NewSiteList.csv", "station_info.csv" }) // the current list first, the older one for codes it lacks
                if (ImportContext.LocateStations(options, entries, name) is { } p) lists.Add((p, CnemcStationLists.Read(p)));
        }
        var codes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal); // one string instance per code across files
        var batch = Run(entries, options, progress, ct, "cnemc", (code, _) => codes.GetOrAdd(code, code), out var ctx, out var seen);
        var fromSecondary = 0;
        ctx.AddStations(seen, id =>
        {
            for (var i = 0; i < lists.Count; i++)
                if (lists[i].Stations.TryGetValue(id, out var s)) { if (i > 0) fromSecondary++; return s; }
            return null;
        }, lists.Count == 0 ? "a station list (no NewSiteList.csv / station_info.csv given or found beside the input)" : string.Join(" or ", lists.Select(l => Path.GetFileName(l.Path))));
        if (lists.Count > 1) batch.Notes.Add($"{fromSecondary} stations taken from {Path.GetFileName(lists[1].Path)} because {Path.GetFileName(lists[0].Path)} lacks them");
        return batch;
    }

    public static ImportBatch ReadBjmemc(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var entries = InputResolver.Resolve(paths, n => n.StartsWith("beijing_", StringComparison.OrdinalIgnoreCase) && n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase), "BJMEMC beijing_all/extra_YYYYMMDD.csv");
        var path = ImportContext.LocateStations(options, entries, "stations.csv")
            ?? throw new InputException("bjmemc needs its station list (name_zh,station_id,longitude,latitude,station_type) to map the Chinese column names: give it as the stations file or put stations.csv beside the input");
        var byName = ReadBjmemcStations(path);
        var batch = Run(entries, options, progress, ct, "bjmemc", (name, col) => byName.TryGetValue(name, out var s) ? s.Id : throw new InputException(
            $"column {col} is station '{name}', which is not in {path}; expected one of the {byName.Count} names there"), out var ctx, out var seen);
        var byId = byName.Values.ToDictionary(s => s.Id, StringComparer.Ordinal);
        ctx.AddStations(seen, id => byId.GetValueOrDefault(id), path);
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

    private static Dictionary<string, Station> ReadBjmemcStations(string path)
    {
        var t = TextTable.Read(path);
        ImportContext.CheckDelimiter(path, t.Header, ',');
        int zh = t.Column("name_zh"), id = t.Column("station_id"), lon = t.Column("longitude"), lat = t.Column("latitude"), type = t.TryColumn("station_type");
        var d = new Dictionary<string, Station>(StringComparer.Ordinal);
        foreach (var (line, c) in t.Rows)
        {
            double? x = t.Coordinate(line, c, lon), y = t.Coordinate(line, c, lat);
            Station.ValidateCoordinates(c[id].Trim(), x, y, $"{path}, line {line}");
            d.TryAdd(c[zh].Trim(), new Station(c[id].Trim(), c[zh].Trim(), x, y, "Beijing", "Beijing", type >= 0 ? c[type].Trim() : null));
        }
        return d;
    }
}
