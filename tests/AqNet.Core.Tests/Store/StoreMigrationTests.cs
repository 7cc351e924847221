using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Store;
using DuckDB.NET.Data;

namespace AqNet.Core.Tests.Store;

/// <summary>Schema-1 stores (values as FLOAT[] lists with NULL = not observed) are still read, and the first ingest
/// into one converts it to schema 2 (float32 blobs) without losing or changing a value.</summary>
public sealed class StoreMigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aqnet-migrate-" + Guid.NewGuid().ToString("N")[..8]);

    public StoreMigrationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly int H0 = HourAxis.ToHour(new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>A store as AqNet schema 1 wrote it: station A, PM2.5 = 10 at hour 0, 12 (flag 2) at hour 2, hour 1 missing.</summary>
    private string V1Store()
    {
        var path = Path.Combine(_dir, "v1.duckdb");
        using var c = new DuckDBConnection("Data Source=" + path);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR);
            CREATE TABLE stations(id VARCHAR PRIMARY KEY, name VARCHAR, longitude DOUBLE, latitude DOUBLE, city VARCHAR, province VARCHAR,
                type VARCHAR, source VARCHAR, time_zone VARCHAR, first_hour INTEGER, last_hour INTEGER);
            CREATE TABLE series(station_id VARCHAR NOT NULL, variable VARCHAR NOT NULL, start_hour INTEGER NOT NULL, vals FLOAT[] NOT NULL, flags UTINYINT[]);
            CREATE TABLE ingests(id INTEGER, at_utc TIMESTAMP, source VARCHAR, time_zone VARCHAR, files VARCHAR, stations INTEGER, observed BIGINT, notes VARCHAR);
            INSERT INTO meta VALUES ('schema_version', '1');
            INSERT INTO stations VALUES ('A', 'A', 116, 40, NULL, NULL, NULL, 't', 'UTC', {H0}, {H0 + 2});
            INSERT INTO series VALUES ('A', 'PM2.5', {H0}, [10, NULL, 12] || list_transform(range(741), x -> NULL::FLOAT), [0, 0, 2]);
            """;
        cmd.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public void A_schema_1_store_is_read_as_it_was_written()
    {
        var path = V1Store();
        using var store = AqStore.OpenRead(path);
        var p = PanelLoader.Load(store, null, [Variables.Pm25]);
        Assert.Equal([10f, float.NaN, 12f], p.Values);
        Assert.Equal([true, false, true], p.Mask);
        Assert.Equal(2, p.Flags[2]);
        var cov = StoreReader.Coverage(store)["A"].Single();
        Assert.Equal((2L, 1L, 1L), (cov.Observed, cov.Missing, cov.Flagged));
    }

    [Fact]
    public void Ingesting_into_a_schema_1_store_converts_it_and_keeps_its_values()
    {
        var path = V1Store();
        var batch = new ImportBatch("t", "UTC");
        batch.AddStation(new Station("A", "A", 116, 40));
        batch.GetOrAddSeries("A", Variables.Pm25).Set(H0 + 1, 11f, "test");
        using (var store = AqStore.OpenWrite(path)) StoreWriter.Ingest(store, batch);
        using var read = AqStore.OpenRead(path);
        Assert.Equal("2", read.Scalar("SELECT value FROM meta WHERE key = 'schema_version'"));
        Assert.Equal("BLOB", read.Scalar("SELECT data_type FROM information_schema.columns WHERE table_name = 'series' AND column_name = 'vals'"));
        var p = PanelLoader.Load(read, null, [Variables.Pm25]);
        Assert.Equal([10f, 11f, 12f], p.Values);
        Assert.Equal(2, p.Flags[2]);
    }

    [Fact]
    public void A_store_of_an_unknown_schema_is_refused_with_its_version()
    {
        var path = V1Store();
        using (var c = new DuckDBConnection("Data Source=" + path))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE meta SET value = '9' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<InputException>(() => AqStore.OpenRead(path));
        Assert.Contains("schema version 9", e.Message);
    }
}
