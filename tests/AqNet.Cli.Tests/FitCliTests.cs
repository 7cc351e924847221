using System.Globalization;
using System.Text;
using AqNet.Cli;
using AqNet.Core.NetCdf;
using AqNet.Tests;

namespace AqNet.Cli.Tests;

/// <summary>`aqnet fit` then `aqnet fill --model` on a generated three-station PRSA network of two months and a half.</summary>
public sealed class FitCliTests : IDisposable
{
    private const int Hours = 1800;
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Store() => Store(_fx);

    /// <summary>Gaps: Alpha hours 200-229 (a block), Beta every 50th hour.</summary>
    internal static string Store(Fixtures fx)
    {
        string[] names = ["Alpha", "Beta", "Gamma"];
        var rng = new Random(7);
        var start = new DateTime(2013, 3, 1, 0, 0, 0);
        for (var s = 0; s < 3; s++)
        {
            var sb = new StringBuilder(Fixtures.PrsaHeader).Append('\n');
            for (var t = 0; t < Hours; t++)
            {
                var time = start.AddHours(t);
                var gap = (s == 0 && t is >= 200 and < 230) || (s == 1 && t % 50 == 0);
                var pm = 40 + 30 * Math.Sin(2 * Math.PI * t / 24) + 5 * s + 3 * rng.NextDouble();
                var v = gap ? "NA" : pm.ToString("F1", CultureInfo.InvariantCulture);
                var pm10 = gap ? "NA" : (pm * 1.5).ToString("F1", CultureInfo.InvariantCulture);
                sb.Append(CultureInfo.InvariantCulture, $"{t + 1},{time.Year},{time.Month},{time.Day},{time.Hour},{v},{pm10},4,7,300,77,-0.7,1023,-18.8,0,NNW,4.4,\"{names[s]}\"\n");
            }
            fx.Write($"net/PRSA_Data_{names[s]}_20130301-20170228.csv", sb.ToString());
        }
        fx.Write("net/stations.csv", "station,cnemc_code,name_zh,longitude,latitude\nAlpha,1001A,甲,116.40,39.90\nBeta,1002A,乙,116.20,40.10\nGamma,1003A,丙,116.30,40.00\n");
        var store = fx.Path_("net.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "prsa", fx.Path_("net"), "--store", store);
        Assert.True(exit == 0, err);
        return store;
    }

    [Fact]
    public void Fit_writes_a_model_that_fill_uses_for_every_gap()
    {
        var store = Store();
        var model = _fx.Path_("model");
        var (exit, output, err) = CliApp.Run("fit", "--store", store, "--out", model, "--epochs", "1", "--steps-per-epoch", "2", "--quick");
        Assert.True(exit == 0, err);
        Assert.Contains("validation MAE", output);
        Assert.True(File.Exists(Path.Combine(model, "model.aqst")));
        var json = File.ReadAllText(Path.Combine(model, "model.json"));
        Assert.Contains("\"Quick\": true", json);
        Assert.Contains("aqnet fit --store", json);
        Assert.True(File.Exists(Path.Combine(model, "resume.ckpt")));

        // a longer schedule continues from the checkpoint instead of starting again
        (exit, output, err) = CliApp.Run("fit", "--store", store, "--out", model, "--epochs", "2", "--steps-per-epoch", "2", "--quick", "--resume");
        Assert.True(exit == 0, err);
        Assert.Contains("resuming aqnet-st", err);
        Assert.Equal(["1", "2"], File.ReadAllLines(Path.Combine(model, "epochs.csv")).Skip(1).Select(l => l.Split(',')[0]));

        var nc = _fx.Path_("filled.nc");
        (exit, output, err) = CliApp.Run("fill", "--store", store, "--model", model, "--out", nc, "--png", _fx.Path_("plots"));
        Assert.True(exit == 0, err);
        Assert.Contains("plots: 3 PNG files", output);
        Assert.All(["Alpha", "Beta", "Gamma"], id => Assert.True(new FileInfo(_fx.Path_($"plots/pm25_filled_{id}.png")).Length > 10_000, id));
        Assert.Contains($"3 stations × {Hours} hours", output);
        using var r = NetCdfReader.Open(nc);
        var values = r.ReadFloats("pm25");
        var lower = r.ReadFloats("pm25_lower");
        var upper = r.ReadFloats("pm25_upper");
        var flags = r.ReadDoubles("pm25_flag");
        Assert.Equal(3 * Hours, values.Length);
        Assert.All(values, v => Assert.True(float.IsFinite(v) && v >= 0, $"value {v}"));
        for (var i = 0; i < values.Length; i++)
            Assert.True(lower[i] <= values[i] && values[i] <= upper[i], $"cell {i}: {lower[i]} {values[i]} {upper[i]}");
        Assert.Equal(30 + Hours / 50, flags.Count(f => f == 1));
        Assert.Contains("; aqnet-st reanalysis model", r.Header.GlobalAttribute("source")!.AsText);
        Assert.NotNull(r.Header.Variable("pm25_upper").Attribute("measured_coverage"));

        // The same model on a grid: places without a station, both sides in time, the calibrated interval.
        var grid = _fx.Path_("grid.nc");
        (exit, _, err) = CliApp.Run("reanalyze", "--model", model, "--store", store, "--bbox", "116.1,39.8,116.5,40.2", "--resolution", "0.1",
            "--from", "2013-03-10", "--to", "2013-03-10T05", "--out", grid);
        Assert.True(exit == 0, err);
        using var g = NetCdfReader.Open(grid);
        var pm = g.ReadFloats("pm25");
        var (lo, hi) = (g.ReadFloats("pm25_lower"), g.ReadFloats("pm25_upper"));
        Assert.Equal(6 * 4 * 4, pm.Length);
        for (var i = 0; i < pm.Length; i++)
            Assert.True(pm[i] >= 0 && lo[i] >= 0 && lo[i] <= pm[i] && pm[i] <= hi[i], $"cell {i}: {lo[i]} {pm[i]} {hi[i]}");
        Assert.Equal("pm25_lower pm25_upper distance_to_nearest_station far_from_stations", g.Header.Variable("pm25").Attribute("ancillary_variables")!.AsText);
        Assert.NotNull(g.Header.Variable("pm25_upper").Attribute("measured_coverage"));
        Assert.Contains("aqnet-st", g.Header.GlobalAttribute("source")!.AsText);
        Assert.Contains("--quick", g.Header.GlobalAttribute("source")!.AsText);

        // Sharded, the same model folder is read for the network's local days.
        var sharded = _fx.Path_("sharded.nc");
        foreach (var shard in new[] { "0/2", "1/2" })
        {
            (exit, _, err) = CliApp.Run("reanalyze", "--model", model, "--store", store, "--bbox", "116.1,39.8,116.5,40.2", "--resolution", "0.1",
                "--from", "2013-03-10", "--to", "2013-03-10T05", "--out", sharded, "--shard", shard);
            Assert.True(exit == 0, err);
        }
        (exit, _, err) = CliApp.Run("shards", "verify", "--out", sharded);
        Assert.True(exit == 0, err);
    }

    [Fact]
    public void Fit_refuses_a_store_shorter_than_two_months_and_fill_a_missing_model()
    {
        var short_ = _fx.Path_("s.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", short_).Exit);
        var (exit, _, err) = CliApp.Run("fit", "--store", short_, "--out", _fx.Path_("m"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: the store holds 4 hours; a production model needs at least 1440", err);
        Assert.False(Directory.Exists(_fx.Path_("m")));

        (exit, _, err) = CliApp.Run("fill", "--store", short_, "--model", _fx.Path_("nothing"), "--out", _fx.Path_("f.nc"));
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: --model '{_fx.Path_("nothing")}' does not exist", err);
    }
}
