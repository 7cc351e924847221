using AqNet.Core.Data;

namespace AqNet.Core.Store;

public enum ExportFormat { Csv, Parquet }

/// <summary>What `aqnet export` writes: all stations when <see cref="Stations"/> is null, and the hours from
/// <see cref="FromUtc"/> to <see cref="ToUtc"/> inclusive when given.</summary>
public sealed record ExportFilter(IReadOnlyList<string>? Stations = null, DateTime? FromUtc = null, DateTime? ToUtc = null)
{
    public static readonly ExportFilter All = new();
}

/// <summary>Writes the observed values in long form (station, name, coordinates, UTC time, variable, value, QC
/// flags), sorted by station, variable and time, with DuckDB's own CSV or Parquet writer. Memory stays bounded: the
/// stations are exported a batch at a time (each batch's COPY decodes and sorts only its own chunks) into part files,
/// which are then joined: CSV by appending bytes, Parquet by one streaming COPY over the parts. The file appears only
/// when complete (temp file + rename).</summary>
public static class StoreExport
{
    /// <summary>Stations per part: a batch of the national network (64 stations × 6 variables × a quarter of hours)
    /// is under a million rows, which DuckDB sorts in memory.</summary>
    private const int StationsPerPart = 64;

    private const string MemoryLimit = "256MB";

    public static long Export(AqStore store, ExportFormat format, string outPath, ExportFilter filter, IProgress<string>? progress = null)
    {
        var full = Path.GetFullPath(outPath);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot write '{outPath}': folder '{dir}' does not exist");
        if (Directory.Exists(full)) throw new InputException($"cannot write '{outPath}': it is a folder; expected a file name");
        var stations = SelectStations(store, filter.Stations);
        try
        {
            return AtomicFile.WriteVia(full, tmp => ExportTo(store, format, tmp, stations, filter, progress));
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"cannot write '{outPath}': {e.Message.Split('\n')[0]}", e);
        }
    }

    /// <summary>Exports to <paramref name="tmp"/> in parts of <see cref="StationsPerPart"/> stations, joined at the end.</summary>
    private static long ExportTo(AqStore store, ExportFormat format, string tmp, List<string> stations, ExportFilter filter, IProgress<string>? progress)
    {
        var partsDir = tmp + "-parts";
        try
        {
            Directory.CreateDirectory(partsDir);
            // DuckDB would otherwise take up to 80 % of the machine's memory for its buffers; past this limit it spills
            // a sort to the parts folder instead.
            store.Execute($"SET memory_limit = '{MemoryLimit}'; SET temp_directory = {AqStore.Quote(partsDir)}");
            var version = StoreMigration.StoredVersion(store);
            var parts = new List<string>();
            long rows = 0;
            for (var b = 0; b * StationsPerPart < stations.Count || b == 0; b++)
            {
                var batch = stations.Skip(b * StationsPerPart).Take(StationsPerPart).ToArray();
                var part = Path.Combine(partsDir, b.ToString("D6", Fmt.Inv) + (format == ExportFormat.Csv ? ".csv" : ".parquet"));
                rows += CopyPart(store, version, batch, filter, format, part);
                parts.Add(part);
                progress?.Report(string.Create(Fmt.Inv, $"exported {Math.Min((b + 1) * StationsPerPart, stations.Count):N0}/{stations.Count:N0} stations, {rows:N0} rows"));
            }
            if (format == ExportFormat.Csv) JoinCsv(parts, tmp);
            else
            {
                progress?.Report("joining the Parquet parts");
                store.Execute($"COPY (SELECT * FROM read_parquet([{string.Join(", ", parts.Select(AqStore.Quote))}])) TO {AqStore.Quote(tmp)} (FORMAT parquet, COMPRESSION zstd)");
            }
            return rows;
        }
        finally
        {
            try { Directory.Delete(partsDir, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>The stations to export, sorted; an id the store does not hold is refused, naming it.</summary>
    private static List<string> SelectStations(AqStore store, IReadOnlyList<string>? wanted)
    {
        var all = StoreReader.Stations(store).Select(s => s.Station.Id).Order(StringComparer.Ordinal).ToList();
        if (wanted is null) return all;
        var known = all.ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(id => !known.Contains(id)).ToArray();
        if (unknown.Length > 0)
            throw new InputException($"--station: the store '{store.Path}' has no station {string.Join(", ", unknown.Take(10).Select(u => "'" + u + "'"))}; " +
                                     $"expected ids as `aqnet stations --store {store.Path}` lists them (e.g. {string.Join(", ", all.Take(3))})");
        return wanted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static long CopyPart(AqStore store, int version, string[] stations, ExportFilter filter, ExportFormat format, string part)
    {
        var q = AqStore.Quote;
        var where = new List<string> { stations.Length == 0 ? "false" : $"station_id IN ({string.Join(", ", stations.Select(q))})" };
        // A chunk covers [start_hour, start_hour + hours): skip chunks wholly outside the range before unpacking.
        var hours = version == 1 ? "len(vals)" : "octet_length(vals) // 4";
        if (filter.FromUtc is { } f) where.Add($"start_hour + {hours} > {HourAxis.ToHour(f)}");
        if (filter.ToUtc is { } t) where.Add($"start_hour <= {HourAxis.ToHour(t)}");
        var timeWhere = new List<string>();
        if (filter.FromUtc is { } f2) timeWhere.Add($"o.time_utc >= {TimestampLiteral(f2)}");
        if (filter.ToUtc is { } t2) timeWhere.Add($"o.time_utc <= {TimestampLiteral(t2)}");
        var options = format == ExportFormat.Csv ? "FORMAT csv, HEADER" : "FORMAT parquet, COMPRESSION zstd";
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = $"""
            COPY (SELECT o.station_id, s.name AS station_name, s.longitude, s.latitude, o.time_utc, o.variable,
                         o.value, o.flags AS qc_flags
                  FROM ({StoreSchema.ObservationsSelect(version, "WHERE " + string.Join(" AND ", where))}) o
                  JOIN stations s ON s.id = o.station_id
                  {(timeWhere.Count == 0 ? "" : "WHERE " + string.Join(" AND ", timeWhere))}
                  ORDER BY o.station_id, o.variable, o.time_utc)
            TO {q(part)} ({options})
            """;
        return cmd.ExecuteNonQuery();
    }

    private static string TimestampLiteral(DateTime utc) => "TIMESTAMP '" + utc.ToString("yyyy-MM-dd HH:mm:ss", Fmt.Inv) + "'";

    /// <summary>Appends the CSV parts into <paramref name="target"/>, keeping the first part's header only.</summary>
    private static void JoinCsv(List<string> parts, string target)
    {
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write);
        for (var i = 0; i < parts.Count; i++)
        {
            using var input = File.OpenRead(parts[i]);
            if (i > 0) SkipLine(input);
            input.CopyTo(output);
        }
        output.Flush(flushToDisk: true);
    }

    private static void SkipLine(Stream s)
    {
        int b;
        while ((b = s.ReadByte()) >= 0 && b != '\n') { }
    }
}
