using System.Globalization;
using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Store;
using AqNet.Core.Tests.Import;
using DuckDB.NET.Data;

namespace AqNet.Core.Tests.Store;

/// <summary>Re-ingesting part of the data runs QC over the stored and new values together, so every value keeps the
/// flags a single ingest of everything gave it (a spike needs its neighbours; the importer's reconciled bit stays).</summary>
public sealed class ReingestFlagsTests
{
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
        using var dir = new TempFolder();
        var all = dir.File("all.csv", All);
        var part = dir.File("part.csv", Part);
        var store = Path.Combine(dir.Path, "s.duckdb");
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
        using var dir = new TempFolder();
        var store = Path.Combine(dir.Path, "s.duckdb");
        IngestJob.Run("long", [dir.File("all.csv", All)], ImportOptions.Epa(), store, null, default);
        var before = Observations(store);
        IngestJob.Run("long", [dir.File("blank.csv", Header + "01-001-0001,3,2011-01-01 05:00,,\n")], ImportOptions.Epa(), store, null, default);
        Assert.Equal(before, Observations(store));
    }
}
