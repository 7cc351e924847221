namespace AqNet.Core.Store;

/// <summary>The DuckDB schema. Observations are kept as dense hourly chunks, one row per station, variable and
/// UTC calendar month: `vals` is a BLOB of one little-endian float32 per hour of the month (NaN = not observed) and
/// `flags` the QC bits per hour (NULL when no hour of the chunk is flagged). Dense chunks make ingest and the load
/// into [time, station, variable] arrays fast. The view `observations` gives the long form to any DuckDB client
/// (see <see cref="ObservationsSelect"/>); `aqnet export` writes it as CSV or Parquet.
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

    /// <summary>Created with the tables and replaced on every ingest, so stores written before it existed get it on
    /// their next write.</summary>
    public static readonly string ObservationsView = "CREATE OR REPLACE VIEW observations AS " + ObservationsSelect(Version, "") + ";";

    /// <summary>The observed values in long form: station_id, time_utc (TIMESTAMP, UTC, the end of the averaging hour),
    /// variable, value (FLOAT), flags (UTINYINT, QC bits). <paramref name="seriesFilter"/> (a WHERE clause or "") is
    /// applied to the chunks before they are unpacked. DuckDB has no cast from a BLOB to floats, so a schema-2 chunk is
    /// unpacked in SQL alone: hex() of the blob cut into 8-digit words, each word's bytes reversed (little-endian)
    /// into a 32-bit integer u, and the IEEE 754 single-precision value rebuilt from its sign, exponent and mantissa
    /// bits (exact: a 24-bit mantissa times a power of two fits a DOUBLE). Exponent 255 (NaN = not observed) is left out,
    /// and its value is NULL rather than computed: DuckDB may evaluate the value before the WHERE (a query filtering on
    /// value did), and NaN's bits rebuilt that way overflow a FLOAT.</summary>
    public static string ObservationsSelect(int version, string seriesFilter) => version == 1
        ? $"""
          SELECT station_id, make_timestamp(CAST(start_hour + i - 1 AS BIGINT) * 3600000000) AS time_utc, variable,
                 v AS value, CAST(coalesce(flags[i], 0) AS UTINYINT) AS flags
          FROM (SELECT station_id, variable, start_hour, flags, unnest(vals) AS v, generate_subscripts(vals, 1) AS i
                FROM series {seriesFilter})
          WHERE v IS NOT NULL
          """
        : $$"""
          SELECT station_id, make_timestamp(CAST(start_hour + i - 1 AS BIGINT) * 3600000000) AS time_utc, variable,
                 CASE WHEN (u // 8388608) % 256 = 255 THEN NULL ELSE
                 CAST(CASE WHEN u >= 2147483648 THEN -1.0 ELSE 1.0 END
                      * CASE WHEN (u // 8388608) % 256 = 0 THEN CAST(u % 8388608 AS DOUBLE) * pow(2.0, -149)
                             ELSE CAST(8388608 + u % 8388608 AS DOUBLE) * pow(2.0, CAST((u // 8388608) % 256 AS DOUBLE) - 150) END
                      AS FLOAT) END AS value,
                 CAST(coalesce(flags[i], 0) AS UTINYINT) AS flags
          FROM (SELECT station_id, variable, start_hour, flags, i,
                       CAST('0x' || substr(w, 7, 2) || substr(w, 5, 2) || substr(w, 3, 2) || substr(w, 1, 2) AS UBIGINT) AS u
                FROM (SELECT station_id, variable, start_hour, flags, unnest(ws) AS w, generate_subscripts(ws, 1) AS i
                      FROM (SELECT *, regexp_extract_all(hex(vals), '.{8}') AS ws FROM series {{seriesFilter}})))
          WHERE (u // 8388608) % 256 <> 255
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
        """ + SeriesTable("series") + ObservationsView;
}
