using System.IO.Compression;
using System.Text.Json.Nodes;
using AqNet.Cli;
using AqNet.Tests;

namespace AqNet.Cli.Tests;

/// <summary>End-to-end checks of ingest + inspect on the real files in ../shared/data.</summary>
public sealed class RealDataTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [DataFact]
    public void Uci_beijing_has_12_stations_35064_hours_and_the_published_missing_counts()
    {
        var zip = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        var store = _fx.Path_("bj.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "prsa", zip, "--stations", TestData.Require("beijing-multisite/stations.csv"), "--store", store);
        Assert.True(exit == 0, err);
        var (_, json, _) = CliApp.Run("inspect", "--store", store, "--json");
        var stations = JsonNode.Parse(json)!["stations"]!.AsArray();
        Assert.Equal(12, stations.Count);
        foreach (var s in stations)
        {
            Assert.Equal(35_064, (int)s!["hours"]!);
            Assert.NotNull(s["longitude"]);
            Assert.NotNull(s["latitude"]);
        }
        long Missing(string id) => (long)stations.Single(s => (string)s!["id"]! == id)!["variables"]!["PM2.5"]!["missing"]!;
        Assert.Equal(382, Missing("Wanliu"));
        Assert.Equal(953, Missing("Huairou"));
        Assert.Equal(925, Missing("Aotizhongxin"));
        Assert.Equal(646, Missing("Gucheng"));
    }

    [DataFact]
    public void Cnemc_quarter_ingests_every_station_column_and_matches_hand_counted_cells()
    {
        var zipPath = TestData.Require("cnemc/china_sites_20190101-20190331.zip");
        var store = _fx.Path_("cn.duckdb");
        var (exit, output, err) = CliApp.Run("ingest", "cnemc", zipPath, "--store", store);
        Assert.True(exit == 0, err);

        // An independent count straight from the raw files: station columns, and observed PM2.5 cells of three stations.
        var codes = new HashSet<string>();
        var counted = new Dictionary<string, long> { ["1001A"] = 0, ["1141A"] = 0, ["2654A"] = 0 };
        using (var zip = ZipFile.OpenRead(zipPath))
            foreach (var e in zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.Ordinal)))
            {
                using var r = new StreamReader(e.Open());
                var header = r.ReadLine()!.Split(',');
                codes.UnionWith(header.Skip(3));
                var col = counted.Keys.ToDictionary(k => k, k => Array.IndexOf(header, k));
                for (var line = r.ReadLine(); line is not null; line = r.ReadLine())
                {
                    var cells = line.Split(',');
                    if (cells[2] != "PM2.5") continue;
                    foreach (var (k, c) in col) if (c > 0 && c < cells.Length && cells[c].Trim().Length > 0) counted[k]++;
                }
            }
        var (_, json, _) = CliApp.Run("inspect", "--store", store, "--json");
        var stations = JsonNode.Parse(json)!["stations"]!.AsArray();
        Assert.Equal(codes.Count, stations.Count);
        var withCoords = stations.Count(s => s!["latitude"] is not null);
        Assert.Contains($"{codes.Count} stations ({withCoords} with coordinates, {codes.Count - withCoords} without)", output);
        Assert.True(withCoords > 1500, $"expected most stations to have coordinates, got {withCoords}");
        foreach (var (code, n) in counted)
        {
            var s = stations.Single(x => (string)x!["id"]! == code)!;
            Assert.Equal(n, (long)s["variables"]!["PM2.5"]!["observed"]!);
        }
    }
}
