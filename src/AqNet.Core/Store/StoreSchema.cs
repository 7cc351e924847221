namespace AqNet.Core.Store;

/// <summary>The DuckDB schema. Observations are kept as dense hourly chunks, one row per station, variable and
/// UTC calendar month: `vals` is a BLOB of one little-endian float32 per hour of the month (NaN = not observed) and
/// `flags` the QC bits per hour (NULL when no hour of the chunk is flagged). Dense chunks make ingest and the load
/// into [time, station, variable] arrays fast; `aqnet export` gives the long form (CSV or Parquet).
/// Schema 1 stored `vals` as FLOAT[] (NULL = not observed): a blob is copied in and out in one piece, which made
/// the national network's ingest 2.5× faster to write (docs/benchmarks.md). Schema-1 stores are still read, and the
/// first ingest into one converts it (<see cref="StoreMigration"/>).</summary>
internal static class StoreSchema
{
    public const int Version = 2;

    /// <summary>CREATE TABLE of the series table (also used by <see cref="StoreMigration"/> for its new copy).</summary>
    public static string SeriesTable(string name) => $"""
        CREATE TABLE IF NOT EXISTS {name}(
            station_id VARCHAR NOT NULL, variable VARCHAR NOT NULL, start_hour INTEGER NOT NULL,
            vals BLOB NOT NULL, flags UTINYINT[]);
        """;

    public static readonly string Ddl = """
        CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE IF NOT EXISTS stations(
            id VARCHAR PRIMARY KEY, name VARCHAR, longitude DOUBLE, latitude DOUBLE,
            city VARCHAR, province VARCHAR, type VARCHAR, source VARCHAR, time_zone VARCHAR,
            first_hour INTEGER, last_hour INTEGER);
        CREATE TABLE IF NOT EXISTS ingests(
            id INTEGER, at_utc TIMESTAMP, source VARCHAR, time_zone VARCHAR, files VARCHAR,
            stations INTEGER, observed BIGINT, notes VARCHAR);
        """ + SeriesTable("series");
}
