using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>Bad input to the model commands: a clear message naming the value and exit code 2.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string TinyStore()
    {
        var store = _fx.Path_("tiny.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        return store;
    }

    private static void Fails(string mention, params string[] args)
    {
        var (exit, _, err) = CliApp.Run(args);
        Assert.True(exit == 2, $"expected exit 2 for `{string.Join(' ', args)}`, got {exit}: {err}");
        Assert.StartsWith("error: ", err);
        Assert.Contains(mention, err);
    }

    [Fact]
    public void Bench_model_with_a_one_hour_window_fails_clearly() =>
        Fails("seq", "bench", "model", "--seq", "1", "--seconds", "0.1");

    [Fact]
    public void Bench_st_with_more_neighbours_than_its_network_fails_clearly() =>
        Fails("--neighbours 20", "bench", "st", "--neighbours", "20", "--seconds", "0.1");

    [Fact]
    public void Unknown_model_is_named() =>
        Fails("'transformerxl'", "experiment", "temporal", "--store", TinyStore(), "--protocol", "table1", "--out", _fx.Path_("o"), "--models", "ridge,transformerxl");

    [Fact]
    public void Unknown_protocol_is_named() =>
        Fails("'table9'", "experiment", "temporal", "--store", TinyStore(), "--protocol", "table9", "--out", _fx.Path_("o"));

    [Fact]
    public void A_store_too_short_for_the_window_says_how_many_hours_it_needs() =>
        Fails("covers 4 hours", "experiment", "temporal", "--store", TinyStore(), "--protocol", "table1", "--out", _fx.Path_("o"));

    [Fact]
    public void Train_refuses_a_baseline_name() =>
        Fails("'ridge'", "train", "--store", TinyStore(), "--out", _fx.Path_("o"), "--architecture", "ridge");

    [Fact]
    public void A_corrupt_checkpoint_is_reported() =>
        Fails("corrupt.ckpt", "evaluate", "--store", TinyStore(), "--model", _fx.Write("corrupt.ckpt", "AQNETCK1 but then garbage"));

    [Fact]
    public void A_missing_store_is_reported() =>
        Fails("nowhere.duckdb", "inspect", "--store", _fx.Path_("nowhere.duckdb"));

    [Theory]
    [InlineData("116.9,39.6,115.9,40.5", "0.02", "inverted")]
    [InlineData("115.9,39.6,116.9,40.5", "0", "resolution 0")]
    [InlineData("115.9,39.6,116.9,40.5", "-0.1", "resolution -0.1")]
    [InlineData("115.9,39.6,116.9", "0.02", "four numbers")]
    [InlineData("115.9,NaN,116.9,40.5", "0.02", "NaN")]
    public void Reanalyze_rejects_a_bad_grid(string bbox, string resolution, string mention) =>
        Fails(mention, "reanalyze", "--model", _fx.Dir, "--store", TinyStore(), "--bbox", bbox, "--resolution", resolution,
            "--from", "2013-03-01", "--to", "2013-03-02", "--out", _fx.Path_("x.nc"));

    [Fact]
    public void Reanalyze_rejects_an_inverted_time_range() =>
        Fails("after --to", "reanalyze", "--model", _fx.Dir, "--store", TinyStore(), "--bbox", "115.9,39.6,116.9,40.5", "--resolution", "0.1",
            "--from", "2013-03-02", "--to", "2013-03-01", "--out", _fx.Path_("x.nc"));

    [Fact]
    public void Reanalyze_rejects_an_unwritable_output_and_leaves_no_file()
    {
        var target = Path.Combine(_fx.Dir, "no-such-folder", "x.nc");
        Fails("no-such-folder", "reanalyze", "--model", _fx.Dir, "--store", TinyStore(), "--bbox", "115.9,39.6,116.9,40.5", "--resolution", "0.1",
            "--from", "2013-03-01", "--to", "2013-03-01T03", "--out", target);
        Assert.False(Directory.Exists(Path.GetDirectoryName(target)));
    }

    [Fact]
    public void Reanalyze_needs_a_model_folder() =>
        Fails("--model", "reanalyze", "--model", _fx.Path_("no-model"), "--store", TinyStore(), "--bbox", "115.9,39.6,116.9,40.5", "--resolution", "0.1",
            "--from", "2013-03-01", "--to", "2013-03-01T03", "--out", _fx.Path_("x.nc"));
}
