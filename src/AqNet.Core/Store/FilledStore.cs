using AqNet.Core.Data;
using AqNet.Core.Fill;
using DuckDB.NET.Data;

namespace AqNet.Core.Store;

/// <summary>The tables `aqnet export` writes: the observations, or the gap-filled record.</summary>
public enum ExportTable { Observations, Filled }

/// <summary>What the store's filled table holds (for `aqnet inspect`).</summary>
public sealed record FilledSummary(int Stations, DateTime FromUtc, DateTime ToUtc, long Observed, long Filled, long Flagged,
    string Method, double Coverage, double? MeasuredCoverage);

/// <summary>The gap-filled record inside the store: table filled(station_id, time_utc, value, lower, upper, flag) in long
/// form, one row per station and hour, and fill_runs, a log of the runs that wrote it. A run replaces the rows of its
/// stations and hours, in one transaction. The tables sit beside the observations and change nothing about them (the
/// store's schema version and the models' fingerprint stay as they are).</summary>
public static class FilledStore
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS filled(
            station_id VARCHAR NOT NULL, time_utc TIMESTAMP NOT NULL, value FLOAT, lower FLOAT, upper FLOAT, flag UTINYINT NOT NULL);
        CREATE TABLE IF NOT EXISTS fill_runs(
            at_utc TIMESTAMP, method VARCHAR, stations INTEGER, from_utc TIMESTAMP, to_utc TIMESTAMP,
            coverage DOUBLE, measured_coverage DOUBLE);
        """;

    public static void Write(AqStore store, FilledRecord r)
    {
        using var tx = store.Connection.BeginTransaction();
        try
        {
            store.Execute(Ddl);
            var ids = string.Join(", ", r.Stations.Select(s => AqStore.Quote(s.Id)));
            store.Execute($"DELETE FROM filled WHERE station_id IN ({ids}) AND time_utc BETWEEN {Ts(r.StartUtc)} AND {Ts(r.TimeAt(r.Hours - 1))}");
            using (var app = store.Connection.CreateAppender("filled"))
                for (var s = 0; s < r.S; s++)
                    for (var t = 0; t < r.Hours; t++)
                    {
                        var i = r.Index(t, s);
                        app.CreateRow().AppendValue(r.Stations[s].Id).AppendValue(r.TimeAt(t)).AppendValue(Nullable(r.Value[i]))
                            .AppendValue(Nullable(r.Lower[i])).AppendValue(Nullable(r.Upper[i])).AppendValue((byte)r.Flag[i]).EndRow();
                    }
            using (var cmd = store.Connection.CreateCommand())
            {
                cmd.CommandText = "INSERT INTO fill_runs VALUES ($1, $2, $3, $4, $5, $6, $7)";
                foreach (var v in new object?[] { DateTime.UtcNow, r.Method, r.S, r.StartUtc, r.TimeAt(r.Hours - 1), r.NominalCoverage, r.MeasuredCoverage })
                    cmd.Parameters.Add(new DuckDBParameter(v ?? DBNull.Value));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        catch
        {
            tx.Rollback();
            throw;
        }
        store.Execute("CHECKPOINT");
    }

    /// <summary>Null when the store has no filled values.</summary>
    public static FilledSummary? Summary(AqStore store)
    {
        if (!HasTable(store)) return null;
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = """
            SELECT count(DISTINCT station_id), min(time_utc), max(time_utc), count(*) FILTER (flag = 0), count(*) FILTER (flag = 1),
                   count(*) FILTER (flag = 2),
                   (SELECT method FROM fill_runs ORDER BY at_utc DESC LIMIT 1), (SELECT coverage FROM fill_runs ORDER BY at_utc DESC LIMIT 1),
                   (SELECT measured_coverage FROM fill_runs ORDER BY at_utc DESC LIMIT 1)
            FROM filled
            """;
        using var rd = cmd.ExecuteReader();
        if (!rd.Read() || rd.IsDBNull(1)) return null;
        return new FilledSummary(Convert.ToInt32(rd.GetValue(0), Fmt.Inv), DateTime.SpecifyKind(rd.GetDateTime(1), DateTimeKind.Utc),
            DateTime.SpecifyKind(rd.GetDateTime(2), DateTimeKind.Utc), Convert.ToInt64(rd.GetValue(3), Fmt.Inv), Convert.ToInt64(rd.GetValue(4), Fmt.Inv),
            Convert.ToInt64(rd.GetValue(5), Fmt.Inv), rd.IsDBNull(6) ? "" : rd.GetString(6), rd.IsDBNull(7) ? double.NaN : rd.GetDouble(7),
            rd.IsDBNull(8) ? null : rd.GetDouble(8));
    }

    /// <summary>`aqnet export --table filled`: every filled row with the station's name and coordinates, CSV or Parquet,
    /// written to a temp file and renamed; returns the row count.</summary>
    public static long Export(AqStore store, ExportFormat format, string outPath)
    {
        if (!HasTable(store)) throw new InputException($"store '{store.Path}' has no filled values; run `aqnet fill --store {store.Path} --out FILE` first");
        var fmt = format == ExportFormat.Csv ? "FORMAT csv, HEADER" : "FORMAT parquet, COMPRESSION zstd";
        return CopyTo(outPath, tmp =>
        {
            store.Execute($"""
                COPY (SELECT f.station_id, s.name AS station_name, s.longitude, s.latitude, f.time_utc, f.value, f.lower, f.upper, f.flag
                      FROM filled f LEFT JOIN stations s ON s.id = f.station_id ORDER BY f.station_id, f.time_utc)
                TO {AqStore.Quote(tmp)} ({fmt})
                """);
            return Convert.ToInt64(store.Scalar("SELECT count(*) FROM filled"), Fmt.Inv);
        });
    }

    /// <summary>Runs write(tmp) for a temporary beside outPath, then puts it in place (<see cref="AtomicFile.WriteVia{T}"/>); failures name the output.</summary>
    internal static long CopyTo(string outPath, Func<string, long> write)
    {
        var full = Path.GetFullPath(outPath);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot write '{outPath}': folder '{dir}' does not exist");
        try
        {
            return AtomicFile.WriteVia(full, write);
        }
        catch (Exception e) when (e is not InputException)
        {
            throw new InputException($"cannot write '{outPath}': {e.Message}", e);
        }
    }

    /// <summary>The filled rows of some stations between two hours (inclusive), or nothing when the store has no
    /// filled table: (station, hour, value, lower, upper), NaN for NULL.</summary>
    public static IEnumerable<(string Station, DateTime TimeUtc, float Value, float Lower, float Upper)> Rows(
        AqStore store, IReadOnlyCollection<string> stationIds, DateTime fromUtc, DateTime toUtc)
    {
        if (stationIds.Count == 0 || !HasTable(store)) yield break;
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = "SELECT station_id, time_utc, value, lower, upper FROM filled " +
                          $"WHERE station_id IN ({string.Join(", ", stationIds.Select(AqStore.Quote))}) AND time_utc BETWEEN {Ts(fromUtc)} AND {Ts(toUtc)}";
        using var r = cmd.ExecuteReader();
        float F(int i) => r.IsDBNull(i) ? float.NaN : r.GetFloat(i);
        while (r.Read()) yield return (r.GetString(0), DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc), F(2), F(3), F(4));
    }

    private static bool HasTable(AqStore store) =>
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = 'filled'"), Fmt.Inv) > 0;

    private static string Ts(DateTime utc) => $"TIMESTAMP '{utc.ToString("yyyy-MM-dd HH:mm:ss", Fmt.Inv)}'";

    private static float? Nullable(float v) => float.IsNaN(v) ? null : v;
}
