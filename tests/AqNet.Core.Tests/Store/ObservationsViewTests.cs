using System.Globalization;
using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Store;
using DuckDB.NET.Data;

namespace AqNet.Core.Tests.Store;

/// <summary>The store's view `observations` unpacks the float32 chunks in SQL alone, so a plain DuckDB client (here
/// DuckDB.NET without AqNet) reads exactly the stored values, times and flags.</summary>
public sealed class ObservationsViewTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "aqnet-view-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly int H0 = HourAxis.ToHour(new DateTime(2019, 1, 31, 22, 0, 0, DateTimeKind.Utc));

    /// <summary>Station A: PM2.5 0.1 at 22h, missing at 23h, -18.8 at 00h (February: a second chunk), 1e-40 (a
    /// subnormal float) at 01h; PM10 3.4e38 at 22h with QC bit 4 set before the write.</summary>
    private string Store()
    {
        var path = Path.Combine(_dir, "s.duckdb");
        var batch = new ImportBatch("t", "UTC");
        batch.AddStation(new Station("A", "A", 116, 40));
        var pm = batch.GetOrAddSeries("A", Variables.Pm25);
        pm.Set(H0, 0.1f, "t");
        pm.Set(H0 + 2, -18.8f, "t");
        pm.Set(H0 + 3, 1e-40f, "t");
        batch.GetOrAddSeries("A", Variables.Pm10).Set(H0, 3.4e38f, "t");
        using var store = AqStore.OpenWrite(path);
        StoreWriter.Ingest(store, batch, prepareStation: series =>
        {
            foreach (var s in series) if (s.Variable == Variables.Pm10) s.DenseFlags()[0] = 4;
        });
        return path;
    }

    private static List<string> Query(string path, string sql)
    {
        using var c = new DuckDBConnection("Data Source=" + path);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
            rows.Add(string.Join(" ", Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i) switch
            {
                DateTime t => t.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture),
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                var o => Convert.ToString(o, CultureInfo.InvariantCulture),
            })));
        return rows;
    }

    [Fact]
    public void A_plain_DuckDB_client_reads_the_stored_values_times_and_flags()
    {
        var rows = Query(Store(), "SELECT station_id, time_utc, variable, value, flags FROM observations ORDER BY variable, time_utc");
        Assert.Equal(["A 2019-01-31T22 PM10 3.4E+38 4", "A 2019-01-31T22 PM2.5 0.1 0", "A 2019-02-01T00 PM2.5 -18.8 0", "A 2019-02-01T01 PM2.5 1E-40 0"], rows);
    }

    [Fact]
    public void A_store_written_before_the_view_existed_gets_it_on_its_next_write()
    {
        var path = Store();
        using (var c = new DuckDBConnection("Data Source=" + path))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP VIEW observations";
            cmd.ExecuteNonQuery();
        }
        var batch = new ImportBatch("t", "UTC");
        batch.AddStation(new Station("A", "A", 116, 40));
        batch.GetOrAddSeries("A", Variables.Pm25).Set(H0 + 1, 7f, "t");
        using (var store = AqStore.OpenWrite(path)) StoreWriter.Ingest(store, batch);
        Assert.Equal(["4 7"], Query(path, "SELECT count(*) FILTER (variable = 'PM2.5'), max(value) FILTER (time_utc = TIMESTAMP '2019-01-31 23:00') FROM observations"));
    }
}
