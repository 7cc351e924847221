using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>`experiment impute`: bad input gets one message and exit 2.</summary>
public sealed class ImputeCommandTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string TinyStore()
    {
        var store = _fx.Path_("tiny.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        return store;
    }

    /// <summary>Four stations, 40 days hourly: a daily cycle and a station offset, about one value in twenty missing.</summary>
    private string SyntheticStore()
    {
        var rng = new Random(5);
        var csv = new System.Text.StringBuilder("time,A,B,C,D\n");
        var t0 = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var h = 0; h < 40 * 24; h++)
        {
            csv.Append(t0.AddHours(h).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            for (var s = 0; s < 4; s++)
                csv.Append(',').Append(rng.NextDouble() < 0.05 ? "" : (40 + 20 * Math.Sin(2 * Math.PI * h / 24) + 5 * s + 3 * rng.NextDouble()).ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
            csv.Append('\n');
        }
        _fx.Write("syn/pm25.csv", csv.ToString());
        _fx.Write("syn/stations.csv", "station,longitude,latitude\nA,116.30,39.90\nB,116.40,39.95\nC,116.50,39.85\nD,116.35,40.05\n");
        var store = _fx.Path_("syn.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "wide", _fx.Path_("syn"), "--variable", "PM2.5", "--store", store);
        Assert.True(exit == 0, err);
        return store;
    }

    private void Fails(string mention, params string[] extra)
    {
        string[] args = ["experiment", "impute", "--store", TinyStore(), "--out", _fx.Path_("o"), .. extra];
        var (exit, _, err) = CliApp.Run(args);
        Assert.True(exit == 2, $"expected exit 2 for `{string.Join(' ', args)}`, got {exit}: {err}");
        Assert.StartsWith("error: ", err);
        Assert.Contains(mention, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void Unknown_protocol_is_named() => Fails("'table1'", "--protocol", "table1");

    [Fact]
    public void Unknown_model_is_named() => Fails("'gru'", "--protocol", "point", "--models", "linear,gru");

    [Fact]
    public void Hidden_naming_no_station_is_named() => Fails("'Atlantis'", "--protocol", "virtual", "--hidden", "Atlantis");

    [Fact]
    public void Aqi36_needs_the_benchmark_points() => Fails("ingest aqi36", "--protocol", "aqi36");

    [Fact]
    public void Scores_by_gap_length_add_up_to_the_pooled_row()
    {
        var dir = _fx.Path_("gaps");
        var (exit, _, err) = CliApp.Run("experiment", "impute", "--store", SyntheticStore(), "--protocol", "block", "--models", "linear,idw", "--out", dir);
        Assert.True(exit == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        foreach (var model in new[] { "linear", "idw" })
        {
            var pooled = doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("model").GetString() == model && r.GetProperty("station").GetString() == "all");
            var gaps = doc.RootElement.GetProperty("gaps").EnumerateArray().Where(g => g.GetProperty("model").GetString() == model).ToArray();
            Assert.NotEmpty(gaps);
            Assert.Equal(pooled.GetProperty("n").GetInt64(), gaps.Sum(g => g.GetProperty("n").GetInt64()));
            var weighted = gaps.Sum(g => g.GetProperty("mae").GetDouble() * g.GetProperty("n").GetInt64()) / pooled.GetProperty("n").GetInt64();
            Assert.Equal(pooled.GetProperty("mae").GetDouble(), weighted, 6);
        }
        Assert.Contains("by the length of the gap", File.ReadAllText(Path.Combine(dir, "report.md")));
    }
}
