using System.Globalization;
using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Store;
using AqNet.Torch.Jobs.Ingest;
using DuckDB.NET.Data;

namespace AqNet.Torch.Tests.Jobs.Ingest;

/// <summary>The ingest job marks QC flags during the write. Re-ingesting part of the data runs QC over the stored and new
/// values together, so every value keeps the flags a single ingest of everything gave it (a spike needs its neighbours;
/// the importer's reconciled bit stays).</summary>
public sealed class IngestJobTests : IDisposable
{
    private readonly string _dir = Fixtures.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var p = Path.Combine(_dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    private const string Header = "site_key,poc,datetime_utc,value,qualifier\n";

    /// <summary>PM2.5 of one site, hours 00..10: a spike of 300 at 05h; hour 01 blank on poc 3, filled from poc 4.</summary>
    private static readonly string All = Header + string.Concat(
        new[] { "10", "", "11", "10", "12", "300", "11", "10", "12", "11", "10" }
            .Select((v, h) => string.Create(CultureInfo.InvariantCulture, $"01-001-0001,3,2011-01-01 {h:D2}:00,{v},\n"))) +
        "01-001-0001,4,2011-01-01 01:00,12,\n";

    /// <summary>Hours 04..06 only: the spike with one neighbour on each side.</summary>
    private const string Part = Header + "01-001-0001,3,2011-01-01 04:00,12,\n01-001-0001,3,2011-01-01 05:00,300,\n01-001-0001,3,2011-01-01 06:00,11,\n";

    private static List<string> Observations(string store)
    {
        using var c = new DuckDBConnection("Data Source=" + store);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT hour(time_utc), value, flags FROM observations ORDER BY time_utc";
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(string.Create(CultureInfo.InvariantCulture, $"{r.GetInt64(0)}:{r.GetFloat(1)}:{r.GetByte(2)}"));
        return rows;
    }

    [Fact]
    public void Reingesting_part_of_the_data_keeps_every_flag()
    {
        var all = Write("all.csv", All);
        var part = Write("part.csv", Part);
        var store = Path.Combine(_dir, "s.duckdb");
        IngestJob.Run("long", [all], ImportOptions.Epa(), store, null, default);
        var before = Observations(store);
        Assert.Equal(["0:10:0", "1:12:16", "2:11:0", "3:10:0", "4:12:0", "5:300:2", "6:11:0", "7:10:0", "8:12:0", "9:11:0", "10:10:0"], before);
        var summary = IngestJob.Run("long", [part], ImportOptions.Epa(), store, null, default);
        Assert.Equal(before, Observations(store));
        var pm = summary.Variables.Single(v => v.Variable == Variables.Pm25);
        Assert.Equal((3L, 1L), (pm.Observed, pm.Flagged));   // the re-ingested spike is reported as flagged
    }

    [Fact]
    public void Reingesting_only_blank_cells_changes_nothing()
    {
        var store = Path.Combine(_dir, "s.duckdb");
        IngestJob.Run("long", [Write("all.csv", All)], ImportOptions.Epa(), store, null, default);
        var before = Observations(store);
        IngestJob.Run("long", [Write("blank.csv", Header + "01-001-0001,3,2011-01-01 05:00,,\n")], ImportOptions.Epa(), store, null, default);
        Assert.Equal(before, Observations(store));
    }

    [Fact]
    public void The_ingest_job_stores_quality_control_flags_marked_during_the_write()
    {
        var csv = Path.Combine(_dir, "obs.csv");
        // Station A: PM2.5 of 2000 is out of bounds; station B: PM2.5 above PM10 at hour 1.
        File.WriteAllText(csv, "station,time,variable,value\nA,2019-01-01 00:00,PM2.5,10\nA,2019-01-01 01:00,PM2.5,2000\n" +
                               "B,2019-01-01 00:00,PM2.5,10\nB,2019-01-01 01:00,PM2.5,50\nB,2019-01-01 00:00,PM10,20\nB,2019-01-01 01:00,PM10,30\n");
        File.WriteAllText(Path.Combine(_dir, "stations.csv"), "station,longitude,latitude\nA,116,40\nB,116.1,40\n");
        var path = Path.Combine(_dir, "qc.duckdb");
        var options = new ImportOptions { Long = new LongFormatOptions { VariableColumn = "variable" } };
        var summary = IngestJob.Run("long", [csv], options, path, null, default);
        Assert.Equal(2, summary.Variables.Single(v => v.Variable == "PM2.5").Flagged); // A hour 1 and B hour 1
        using var read = AqStore.OpenRead(path);
        var p = PanelLoader.Load(read, null, ["PM2.5", "PM10"]);
        Assert.NotEqual(0, p.Flags[p.Index(1, 0, 0)]);  // A, PM2.5, out of bounds
        Assert.Equal(0, p.Flags[p.Index(0, 0, 0)]);
        Assert.NotEqual(0, p.Flags[p.Index(1, 1, 0)]);  // B, PM2.5 above PM10
        Assert.NotEqual(0, p.Flags[p.Index(1, 1, 1)]);  // and its PM10
        Assert.Equal(0, p.Flags[p.Index(0, 1, 1)]);
    }
}
