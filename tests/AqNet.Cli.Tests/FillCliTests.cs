using AqNet.Cli;
using AqNet.Core.NetCdf;
using AqNet.Tests;

namespace AqNet.Cli.Tests;

/// <summary>`aqnet fill` end to end on the two-station PRSA fixture, then `inspect` and `export --table filled`.</summary>
public sealed class FillCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Store()
    {
        var store = _fx.Path_("s.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store);
        Assert.True(exit == 0, err);
        return store;
    }

    [Fact]
    public void Fill_writes_the_file_the_store_table_and_a_summary()
    {
        var store = Store();
        var nc = _fx.Path_("filled.nc");
        var (exit, output, err) = CliApp.Run("fill", "--store", store, "--out", nc);
        Assert.True(exit == 0, err);
        // Quality control flags Alpha's 30 and 40 (PM2.5 above PM10): they pass through but are no inputs. So Alpha's gap at
        // 01h has no usable later value: kriging from Beta, its one neighbour, gives Beta's 6. Beta's 02h and 03h have no
        // usable neighbour and no later value: its last value, 6.
        Assert.Contains("2 stations × 4 hours, 3 observed, 3 filled, 2 observed but QC-flagged", output);
        using (var r = NetCdfReader.Open(nc))
        {
            Assert.Equal(["Alpha", "Beta"], r.ReadStrings("station_id"));
            Assert.Equal([10f, 6, 30, 40, 5, 6, 6, 6], r.ReadFloats("pm25"));
            Assert.Equal([0.0, 1, 2, 2, 0, 0, 1, 1], r.ReadDoubles("pm25_flag"));
            Assert.Contains($"aqnet fill --store {store} --out {nc}", r.Header.GlobalAttribute("history")!.AsText);
            Assert.Equal("CC BY 4.0", r.Header.GlobalAttribute("license")!.AsText![^9..]);
        }
        Assert.Contains("| Alpha | 4 | 1 | 1 | 2 | 0 |", File.ReadAllText(_fx.Path_("filled.summary.md")));

        (exit, output, _) = CliApp.Run("inspect", "--store", store);
        Assert.Equal(0, exit);
        Assert.Contains("filled PM2.5 (aqnet fill): 2 stations, 2013-02-28T16:00Z .. 2013-02-28T19:00Z, 3 observed, 3 filled, 2 observed but QC-flagged", output);
        (exit, output, _) = CliApp.Run("inspect", "--store", store, "--json");
        Assert.Contains("\"filled\": 3", output);

        var csv = _fx.Path_("filled.csv");
        (exit, _, err) = CliApp.Run("export", "--store", store, "--format", "csv", "--out", csv, "--table", "filled");
        Assert.True(exit == 0, err);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("Beta,乙,116.2,40.1,2013-02-28 19:00:00,6.0,", lines[8]);
        Assert.EndsWith(",1", lines[8]);   // flag: filled
    }

    [Fact]
    public void Parquet_output_and_a_station_subset()
    {
        var store = Store();
        var (exit, output, err) = CliApp.Run("fill", "--store", store, "--out", _fx.Path_("a.parquet"), "--stations", "Alpha", "--from", "2013-02-28T17", "--to", "2013-02-28T18");
        Assert.True(exit == 0, err);
        // Beta is read as Alpha's neighbour but not written: Alpha's 17h is kriged from it.
        Assert.Contains("1 station × 2 hours, 0 observed, 1 filled, 1 observed but QC-flagged", output);
        Assert.True(File.Exists(_fx.Path_("a.parquet")));
    }

    [Theory]
    [InlineData("x.txt", "--out 'X': unknown output format")]
    [InlineData("x.nc", "--stations: 'Gamma' has no data")]
    [InlineData("x.nc", "--model")]
    public void Bad_requests_are_refused_with_exit_2_and_leave_the_store_without_a_filled_table(string output, string message)
    {
        var store = Store();
        var path = _fx.Path_(output);
        string[] more = message.StartsWith("--stations", StringComparison.Ordinal) ? ["--stations", "Alpha,Gamma"]
            : message == "--model" ? ["--model", _fx.Dir] : [];
        var (exit, _, err) = CliApp.Run(["fill", "--store", store, "--out", path, .. more]);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + message.Replace("X", path), err);
        Assert.False(File.Exists(path));
        Assert.DoesNotContain("filled PM2.5", CliApp.Run("inspect", "--store", store).Out);
    }

    [Fact]
    public void Export_names_a_bad_table_and_a_store_without_a_filled_table()
    {
        var store = Store();
        var (exit, _, err) = CliApp.Run("export", "--store", store, "--format", "csv", "--out", _fx.Path_("x.csv"), "--table", "gaps");
        Assert.Equal((2, "error: --table 'gaps': expected observations or filled"), (exit, err.Trim()));
        (exit, _, err) = CliApp.Run("export", "--store", store, "--format", "csv", "--out", _fx.Path_("x.csv"), "--table", "filled");
        Assert.Equal(2, exit);
        Assert.Contains("has no filled values; run `aqnet fill", err);
        Assert.False(File.Exists(_fx.Path_("x.csv")));
    }

    [DataFact]
    public void The_UCI_record_is_filled_without_a_gap_and_observed_values_unchanged()
    {
        var store = _fx.Path_("bj.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip"), "--store", store).Exit);
        var nc = _fx.Path_("bj.nc");
        var (exit, output, err) = CliApp.Run("fill", "--store", store, "--out", nc);
        Assert.True(exit == 0, err);
        Assert.Contains("12 stations × 35064 hours", output);
        using var r = NetCdfReader.Open(nc);
        var pm = r.ReadFloats("pm25");       // [station, time]
        var flag = r.ReadDoubles("pm25_flag");
        Assert.Equal(12 * 35064, pm.Length);
        Assert.DoesNotContain(pm, float.IsNaN);
        using var s = AqNet.Core.Store.AqStore.OpenRead(store);
        var panel = AqNet.Core.Store.PanelLoader.Load(s, r.ReadStrings("station_id"), [AqNet.Core.Data.Variables.Pm25]);
        var observed = 0;
        for (var st = 0; st < 12; st++)
            for (var t = 0; t < 35064; t++)
            {
                var i = panel.Index(t, st, 0);
                Assert.Equal(panel.Mask[i] ? (panel.Flags[i] == 0 ? 0 : 2) : 1, flag[st * 35064 + t]);
                if (!panel.Mask[i]) continue;
                Assert.Equal(panel.Values[i], pm[st * 35064 + t]);
                observed++;
            }
        Assert.Equal(420_768 - 8_739, observed);   // the data's PM2.5: 8,739 of 12 × 35,064 hours missing
    }
}
