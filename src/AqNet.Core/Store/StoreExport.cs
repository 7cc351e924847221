using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>Writes every observation in long form (station, coordinates, UTC time, variable, value, QC flags)
/// to CSV or Parquet with DuckDB's own writer; the file appears only when complete (temp file + rename). The chunks'
/// float32 blobs are decoded here into a temporary table of lists, which DuckDB then unnests.</summary>
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
        StaleTemporaries.Remove(full);   // left by an export killed before its rename
        try
        {
            using var mem = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
            mem.Open();
            var count = FillLongTable(store, mem);
            Execute(mem, $"""
                COPY (SELECT o.station_id, s.name AS station_name, s.longitude, s.latitude, o.time_utc, o.variable,
                             o.value, o.qc_flags
                      FROM export_obs o JOIN export_stations s ON s.id = o.station_id
                      ORDER BY o.station_id, o.variable, o.time_utc)
                TO {AqStore.Quote(tmp)} ({fmt})
                """);
            File.Move(tmp, full, overwrite: true);
            return count;
        }
        catch (Exception e) when (e is not InputException)
        {
            File.Delete(tmp);
            throw new InputException($"cannot write '{outPath}': {e.Message}", e);
        }
    }

    /// <summary>In the in-memory database <paramref name="mem"/> (the store may be open read-only): the table
    /// export_stations and the view export_obs (station_id, variable, time_utc, value, qc_flags) of every observed
    /// value; returns how many there are.</summary>
    private static long FillLongTable(AqStore store, DuckDB.NET.Data.DuckDBConnection mem)
    {
        Execute(mem, "CREATE TABLE export_stations(id VARCHAR, name VARCHAR, longitude DOUBLE, latitude DOUBLE)");
        using (var app = mem.CreateAppender("export_stations"))
            foreach (var s in StoreReader.Stations(store))
                app.CreateRow().AppendValue(s.Station.Id).AppendValue(s.Station.Name).AppendValue(s.Station.Longitude).AppendValue(s.Station.Latitude).EndRow();
        Execute(mem, "CREATE TABLE export_chunks(station_id VARCHAR, variable VARCHAR, start_hour INTEGER, vals FLOAT[], flags UTINYINT[])");
        long count = 0;
        using (var app = mem.CreateAppender("export_chunks"))
            foreach (var (k, c) in StoreChunks.Query(store))
            {
                foreach (var x in c.Values) if (!float.IsNaN(x)) count++;
                app.CreateRow().AppendValue(k.Station).AppendValue(k.Variable).AppendValue(k.StartHour)
                    .AppendValue(c.Values).AppendValue((IEnumerable<byte>)c.Flags).EndRow();
            }
        Execute(mem, """
            CREATE VIEW export_obs AS
                SELECT station_id, variable,
                       to_timestamp(0) + to_hours(CAST(start_hour + i - 1 AS BIGINT)) AS time_utc,
                       vals[i] AS value, flags[i] AS qc_flags
                FROM (SELECT *, generate_subscripts(vals, 1) AS i FROM export_chunks)
                WHERE NOT isnan(vals[i])
            """);
        return count;
    }

    private static void Execute(DuckDB.NET.Data.DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
