using System.Security.Cryptography;
using System.Text.Json;
using AqNet.Cli;
using AqNet.Core.NetCdf;
using AqNet.Tests;

namespace AqNet.Cli.Tests;

/// <summary>A 48-hour Beijing grid run whole and as 4 shards (2 time slices × 2 bands of rows): the parts, merged or
/// opened together by xarray, equal the single run value for value; shards are skipped when done, resumed after a
/// kill, and rewritten byte for byte.</summary>
public sealed class ShardedReanalysisTests(BeijingSpatialModel m) : IClassFixture<BeijingSpatialModel>
{
    private string[] Args(string output) =>
        ["reanalyze", "--model", m.Model!, "--store", m.Store!, "--bbox", "115.9,39.6,116.9,40.5", "--resolution", "0.02",
         "--from", "2016-12-01", "--to", "2016-12-02T23", "--out", output];

    private static readonly string[] Variables = ["time", "time_bnds", "lat", "lat_bnds", "lon", "lon_bnds", "pm25", "pm25_uncertainty",
        "distance_to_nearest_station", "far_from_stations"];

    private string Single()
    {
        var nc = Path.Combine(m.Dir, "single.nc");
        if (!File.Exists(nc)) Assert.Equal(0, CliApp.Run(Args(nc)).Exit);
        return nc;
    }

    private string Sharded(string name)
    {
        var nc = Path.Combine(m.Dir, name);
        for (var i = 0; i < 4; i++)
        {
            var (exit, output, err) = CliApp.Run([.. Args(nc), "--shard", $"{i}/4"]);
            Assert.True(exit == 0, err);
            Assert.Contains($"shard {i}/4: 1 part written", output);
        }
        return nc;
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [DataFact]
    public void Four_shards_merged_equal_the_single_run_bit_for_bit()
    {
        var single = Single();
        var nc = Sharded("four.nc");
        var (exit, output, err) = CliApp.Run("shards", "verify", "--out", nc, "--checksums");
        Assert.True(exit == 0, err + output);
        Assert.Contains("4 shards, 4 parts; 4 complete", output);
        (exit, _, err) = CliApp.Run("shards", "merge", "--out", nc);
        Assert.True(exit == 0, err);
        using var a = NetCdfReader.Open(single);
        using var b = NetCdfReader.Open(nc);
        foreach (var v in Variables) NetCdfAssert.SameBytes(a, b, v);
        foreach (var g in a.Header.GlobalAttributes.Where(g => g.Name is not ("history" or "date_created")))
            Assert.Equal(g.ToString(), b.Header.GlobalAttribute(g.Name)!.ToString());
    }

    [DataFact]
    public void A_daily_grid_split_into_bands_merges_to_the_single_run_with_its_yearly_summaries()
    {
        string[] daily = ["--daily", "--partial-days", "keep"];
        var single = Path.Combine(m.Dir, "daily-single.nc");
        Assert.Equal(0, CliApp.Run([.. Args(single), .. daily]).Exit);
        var nc = Path.Combine(m.Dir, "daily.nc");
        for (var i = 0; i < 3; i++) Assert.Equal(0, CliApp.Run([.. Args(nc), .. daily, "--shard", $"{i}/3"]).Exit);
        Assert.Equal(0, CliApp.Run("shards", "merge", "--out", nc).Exit);
        using var a = NetCdfReader.Open(single);
        using var b = NetCdfReader.Open(nc);
        Assert.Equal(a.ReadStrings("local_date"), b.ReadStrings("local_date"));
        foreach (var v in a.Header.Variables.Select(v => v.Name).Where(n => n != "local_date")) NetCdfAssert.SameBytes(a, b, v);
        Assert.Contains(a.Header.Variables, v => v.Name == "pm25_annual_mean");
    }

    [DataFact]
    public void A_done_shard_is_skipped_and_a_killed_shard_resumes_with_identical_bytes()
    {
        var nc = Sharded("rerun.nc");
        var dir = Path.Combine(m.Dir, "rerun.shards");
        var (exit, output, _) = CliApp.Run([.. Args(nc), "--shard", "0/4"]);
        Assert.Equal(0, exit);
        Assert.Contains("shard 0/4 of " + dir + " is already complete (1 part); skipped", output);

        // Shard 3 killed while writing its part: no marker, the part only as a temporary.
        var part = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json"))).RootElement.GetProperty("parts")
            .EnumerateArray().Single(p => p.GetProperty("shard").GetInt32() == 3).GetProperty("file").GetString()!;
        var path = Path.Combine(dir, part);
        var before = Sha(path);
        File.Delete(Path.Combine(dir, "done", "shard-0003-of-0004.json"));
        File.Move(path, path + ".tmp-999999-deadbeef");
        (exit, output, _) = CliApp.Run("shards", "verify", "--out", nc);
        Assert.Equal(1, exit);
        Assert.Contains("shard 3/4: partial: no marker; 0 of 1 parts written, a part being written (or left by a killed run)", output);
        Assert.Equal(0, CliApp.Run([.. Args(nc), "--shard", "3/4"]).Exit);
        Assert.Equal(before, Sha(path));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
        Assert.Equal(0, CliApp.Run("shards", "verify", "--out", nc, "--checksums").Exit);

        // A missing shard is reported as such.
        File.Delete(Path.Combine(dir, "done", "shard-0002-of-0004.json"));
        foreach (var f in Directory.GetFiles(dir, "part-t0001-g0000.*")) File.Delete(f);
        (exit, output, _) = CliApp.Run("shards", "verify", "--out", nc);
        Assert.Equal(1, exit);
        Assert.Contains("shard 2/4: missing: no marker and none of its 1 parts", output);
        Assert.Equal(2, CliApp.Run("shards", "merge", "--out", nc).Exit);
    }

    [DataFact]
    public void Bad_shard_values_and_another_jobs_folder_are_refused()
    {
        var nc = Path.Combine(m.Dir, "bad.nc");
        var (exit, _, err) = CliApp.Run([.. Args(nc), "--shard", "4/4"]);
        Assert.Equal(2, exit);
        Assert.Contains("error: --shard '4/4': shard index 4 is outside 0 .. 3", err);
        (exit, _, err) = CliApp.Run([.. Args(nc), "--shard", "0/2", "--png", Path.Combine(m.Dir, "maps")]);
        Assert.Equal(2, exit);
        Assert.Contains("--png is not available with a shard", err);
        Sharded("other.nc");
        (exit, _, err) = CliApp.Run([.. Args(Path.Combine(m.Dir, "other.nc")), "--shard", "0/2"]);
        Assert.Equal(2, exit);
        Assert.Contains("holds the shards of another job or plan", err);
        Assert.DoesNotContain("   at ", err);
    }

    [DataToolFact("/usr/bin/python3", "numpy", "xarray", "netCDF4", "dask")]
    public void Xarray_opens_the_parts_as_one_dataset_equal_to_the_single_run()
    {
        var single = Single();
        if (!Directory.Exists(Path.Combine(m.Dir, "xr.shards"))) Sharded("xr.nc");
        var script = """
            import json, sys, numpy as np, xarray as xr
            single, manifest = sys.argv[1], sys.argv[2]
            d = manifest.rsplit('/', 1)[0]
            parts = [d + '/' + p['file'] for p in json.load(open(manifest))['parts']]
            a = xr.open_dataset(single)
            b = xr.open_mfdataset(parts, combine='by_coords', data_vars='minimal', coords='minimal', compat='override').load()
            same = {v: bool(a[v].shape == b[v].shape and np.array_equal(a[v].values, b[v].values, equal_nan=True)) for v in a.variables}
            print(json.dumps({"shape": list(b.pm25.shape), "dims": list(b.pm25.dims), "same": same}))
            """;
        var (code, stdout, stderr) = ExternalTools.Run("/usr/bin/python3", ["-c", script, single, Path.Combine(m.Dir, "xr.shards", "manifest.json")], TimeSpan.FromSeconds(120));
        Assert.True(code == 0, stderr);
        var j = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal([48, 45, 50], j.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(["time", "lat", "lon"], j.GetProperty("dims").EnumerateArray().Select(e => e.GetString()));
        Assert.All(j.GetProperty("same").EnumerateObject(), p => Assert.True(p.Value.GetBoolean(), $"{p.Name} differs"));
    }
}
