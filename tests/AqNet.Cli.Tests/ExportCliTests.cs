using AqNet.Cli;
using DuckDB.NET.Data;

namespace AqNet.Cli.Tests;

public sealed class ExportCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Store()
    {
        var store = _fx.Path_("s.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        return store;
    }

    [Fact]
    public void Export_filters_by_station_and_hours_and_reports_progress()
    {
        var store = Store();
        var csv = _fx.Path_("beta.csv");
        var (exit, _, err) = CliApp.Run("export", "--store", store, "--format", "csv", "--out", csv,
            "--station", "Beta", "--from", "2013-02-28T17", "--to", "2013-02-28T18");
        Assert.True(exit == 0, err);
        // Beta's local hours 1 and 2 (UTC 17h, 18h): 12 variables, then 10 (PM2.5 and PM10 are NA at 18h).
        Assert.Contains("exported 1/1 stations, 22 rows", err);
        Assert.Contains("wrote 22 observations", err);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(23, lines.Length);
        Assert.Equal("station_id,station_name,longitude,latitude,time_utc,variable,value,qc_flags", lines[0]);
        Assert.Equal("Beta,乙,116.2,40.1,2013-02-28 17:00:00,CO,300.0,0", lines[1]);
        Assert.Equal("Beta,乙,116.2,40.1,2013-02-28 18:00:00,CO,300.0,0", lines[2]);
        Assert.DoesNotContain(lines, l => l.StartsWith("Alpha", StringComparison.Ordinal) || l.Contains(" 16:00") || l.Contains(" 19:00"));
    }

    [Fact]
    public void Parquet_export_holds_every_observation_sorted()
    {
        var store = Store();
        var parquet = _fx.Path_("all.parquet");
        var (exit, _, err) = CliApp.Run("export", "--store", store, "--format", "parquet", "--out", parquet);
        Assert.True(exit == 0, err);
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT count(*), sum(value) FILTER (variable = 'PM2.5'), min(station_id || time_utc::VARCHAR) FROM read_parquet('{parquet}')";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(2L * 4 * 12 - 5, Convert.ToInt64(r.GetValue(0)));   // 2 stations × 4 h × 12 variables, 5 NA
        Assert.Equal(10.0 + 30 + 40 + 5 + 6, Convert.ToDouble(r.GetValue(1)));
        Assert.Equal("Alpha2013-02-28 16:00:00", r.GetString(2));
        Assert.Empty(Directory.GetFileSystemEntries(_fx.Dir, "*tmp*"));
    }

    [Theory]
    [InlineData("--station", "Alpha,Gamma", "has no station 'Gamma'")]
    [InlineData("--from", "2013-02-30", "--from '2013-02-30': expected a UTC time")]
    [InlineData("--to", "2013-02-28T16:30", "--to '2013-02-28T16:30': expected a whole hour")]
    [InlineData("--format", "xml", "--format 'xml': expected csv or parquet")]
    public void A_bad_filter_is_one_message_and_writes_nothing(string option, string value, string expected)
    {
        var store = Store();
        var csv = _fx.Path_("x.csv");
        string[] format = option == "--format" ? [] : ["--format", "csv"];
        var (exit, _, err) = CliApp.Run(["export", "--store", store, .. format, "--out", csv, option, value]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.False(File.Exists(csv));
    }
}
