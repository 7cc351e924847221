using AqNet.Cli;
using AqNet.Core.NetCdf;

namespace AqNet.Cli.Tests;

/// <summary>A grid from a production aqnet-st model, run whole and as 4 shards (2 time slices × 2 bands of rows) on the
/// generated three-station network: merged, the parts equal the single run bit for bit.</summary>
public sealed class ShardedStReanalysisTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Four_shards_of_an_aqnet_st_grid_merged_equal_the_single_run_bit_for_bit()
    {
        var store = FitCliTests.Store(_fx);
        var model = _fx.Path_("model");
        var (exit, _, err) = CliApp.Run("fit", "--store", store, "--out", model, "--epochs", "1", "--steps-per-epoch", "2", "--quick");
        Assert.True(exit == 0, err);
        string[] Args(string output) =>
            ["reanalyze", "--model", model, "--store", store, "--bbox", "116.15,39.85,116.45,40.15", "--resolution", "0.05",
             "--from", "2013-03-20T05", "--to", "2013-03-26T13", "--out", output];
        var single = _fx.Path_("single.nc");
        (exit, _, err) = CliApp.Run(Args(single));
        Assert.True(exit == 0, err);
        var nc = _fx.Path_("four.nc");
        for (var i = 0; i < 4; i++)
        {
            (exit, _, err) = CliApp.Run([.. Args(nc), "--shard", $"{i}/4"]);
            Assert.True(exit == 0, err);
        }
        (exit, _, err) = CliApp.Run("shards", "merge", "--out", nc);
        Assert.True(exit == 0, err);
        using var a = NetCdfReader.Open(single);
        using var b = NetCdfReader.Open(nc);
        foreach (var v in new[] { "time", "lat", "lon", "pm25", "pm25_lower", "pm25_upper" }) NetCdfAssert.SameBytes(a, b, v);
    }
}
