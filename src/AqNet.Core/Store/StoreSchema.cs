namespace AqNet.Core.Store;

/// <summary>The DuckDB schema. Observations are kept as dense hourly chunks, one row per station, variable and
/// UTC calendar month: `vals` holds one FLOAT per hour of the month (NULL = not observed) and `flags` the QC
/// bits per hour (NULL when no hour of the chunk is flagged). Dense chunks make ingest and the load into
/// [time, station, variable] arrays fast; the view `observations` gives the long form for SQL users.</summary>
internal static class StoreSchema
{
    public const int Version = 1;

    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS meta(key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE IF NOT EXISTS stations(
            id VARCHAR PRIMARY KEY, name VARCHAR, longitude DOUBLE, latitude DOUBLE,
            city VARCHAR, province VARCHAR, type VARCHAR, source VARCHAR, time_zone VARCHAR,
            first_hour INTEGER, last_hour INTEGER);
        CREATE TABLE IF NOT EXISTS series(
            station_id VARCHAR NOT NULL, variable VARCHAR NOT NULL, start_hour INTEGER NOT NULL,
            vals FLOAT[] NOT NULL, flags UTINYINT[]);
        CREATE TABLE IF NOT EXISTS ingests(
            id INTEGER, at_utc TIMESTAMP, source VARCHAR, time_zone VARCHAR, files VARCHAR,
            stations INTEGER, observed BIGINT, notes VARCHAR);
        CREATE OR REPLACE VIEW observations AS
            SELECT station_id, variable,
                   to_timestamp(0) + to_hours(CAST(start_hour + i - 1 AS BIGINT)) AS time_utc,
                   vals[i] AS value, coalesce(flags[i], 0) AS qc_flags
            FROM (SELECT *, generate_subscripts(vals, 1) AS i FROM series)
            WHERE vals[i] IS NOT NULL;
        """;
}
