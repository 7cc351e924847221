using AqNet.Cli;
using AqNet.Core.NetCdf;

namespace AqNet.Cli.Tests;

/// <summary>`aqnet fill --shard` on the two-station PRSA fixture: one part per station group, the store untouched.</summary>
public sealed class ShardedFillCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Two_shards_write_one_station_each_equal_to_the_single_run_and_leave_the_store_alone()
    {
        var store = _fx.Path_("s.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        var single = _fx.Path_("single.nc");
        Assert.Equal(0, CliApp.Run("fill", "--store", store, "--out", single).Exit);
        var storeBytes = File.ReadAllBytes(store);
        var nc = _fx.Path_("f.nc");
        for (var i = 0; i < 2; i++)
        {
            var (exit, output, err) = CliApp.Run("fill", "--store", store, "--out", nc, "--shard", $"{i}/2");
            Assert.True(exit == 0, err);
            Assert.Contains($"shard {i}/2: 1 part written", output);
        }
        Assert.Equal(storeBytes, File.ReadAllBytes(store));
        var (code, text, _) = CliApp.Run("shards", "verify", "--out", nc);
        Assert.Equal(0, code);
        Assert.Contains("fill, 2 shards, 2 parts; 2 complete", text);
        using var whole = NetCdfReader.Open(single);
        var all = whole.ReadFloats("pm25", mask: false);
        string[] parts = [_fx.Path_("f.shards/part-t0000-g0000.nc"), _fx.Path_("f.shards/part-t0000-g0001.nc")];
        for (var g = 0; g < 2; g++)
        {
            using var r = NetCdfReader.Open(parts[g]);
            Assert.Equal([g == 0 ? "Alpha" : "Beta"], r.ReadStrings("station_id"));
            Assert.Equal(all[(g * 4)..(g * 4 + 4)], r.ReadFloats("pm25", mask: false));
        }
        Assert.Equal(2, CliApp.Run("shards", "merge", "--out", nc).Exit);   // merging is for gridded parts
    }
}
