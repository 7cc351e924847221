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
}
