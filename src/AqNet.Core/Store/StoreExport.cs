using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>Writes every observation in long form (station, coordinates, UTC time, variable, value, QC flags)
/// to CSV or Parquet with DuckDB's own writer; the file appears only when complete (temp file + rename).</summary>
public static class StoreExport
{
    public static long Export(AqStore store, string format, string outPath)
    {
        var fmt = format.ToLowerInvariant() switch
        {
            "csv" => "FORMAT csv, HEADER",
            "parquet" => "FORMAT parquet, COMPRESSION zstd",
            _ => throw new InputException($"unknown export format '{format}'; expected csv or parquet"),
        };
        var full = Path.GetFullPath(outPath);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot write '{outPath}': folder '{dir}' does not exist");
        var tmp = Path.Combine(dir, "." + Path.GetFileName(full) + ".tmp-" + Environment.ProcessId.ToString(Fmt.Inv));
        try
        {
            store.Execute($"""
                COPY (SELECT o.station_id, s.name AS station_name, s.longitude, s.latitude, o.time_utc, o.variable,
                             o.value, o.qc_flags
                      FROM observations o JOIN stations s ON s.id = o.station_id
                      ORDER BY o.station_id, o.variable, o.time_utc)
                TO {AqStore.Quote(tmp)} ({fmt})
                """);
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is not InputException)
        {
            File.Delete(tmp);
            throw new InputException($"cannot write '{outPath}': {e.Message}", e);
        }
        return Convert.ToInt64(store.Scalar("SELECT count(*) FROM observations"), Fmt.Inv);
    }
}
