using System.Text.Json.Nodes;
using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>`inspect` counts missing hours over the store's whole hour axis, so a station that started late counts the
/// hours before its first row as missing.</summary>
public sealed class InspectCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    /// <summary>Alpha has 4 hours (UTC 16..19h); Beta only its last two (18, 19h), PM2.5 observed at both.</summary>
    private string Store()
    {
        var folder = _fx.PrsaFolder();
        _fx.Write("prsa/PRSA_Data_Beta_20130301-20170228.csv", Fixtures.PrsaHeader + "\n" +
            "3,2013,3,1,2,7,9,5,10,300,73,-1.1,1023.5,-18.2,0,NNW,5.6,\"Beta\"\n" +
            "4,2013,3,1,3,8,9,11,11,300,72,-1.4,1024.5,-19.4,0,NW,3.1,\"Beta\"\n");
        var store = _fx.Path_("s.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", folder, "--store", store).Exit);
        return store;
    }

    [Fact]
    public void Missing_counts_cover_the_store_axis_in_json_and_text()
    {
        var store = Store();
        var (exit, json, err) = CliApp.Run("inspect", "--store", store, "--station", "Beta", "--json");
        Assert.True(exit == 0, err);
        var root = JsonNode.Parse(json)!;
        Assert.Equal("2013-02-28T16:00Z", (string)root["hour_axis"]!["first_utc"]!);
        Assert.Equal(4, (int)root["hour_axis"]!["hours"]!);
        var beta = root["stations"]!.AsArray().Single()!;
        Assert.Equal(2, (int)beta["hours"]!);                                   // its own span
        Assert.Equal(2, (long)beta["variables"]!["PM2.5"]!["observed"]!);
        Assert.Equal(2, (long)beta["variables"]!["PM2.5"]!["missing"]!);        // 16h and 17h, before its first row

        var (_, text, _) = CliApp.Run("inspect", "--store", store, "--station", "Beta");
        var lines = text.Split('\n');
        Assert.StartsWith("hour axis of the store: 2013-02-28T16:00Z .. 2013-02-28T19:00Z (4 h); missing = hours of this axis without a value", lines[0]);
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["Beta", "PM2.5", "2", "2", "2", "50.0", "0"]);
    }
}
