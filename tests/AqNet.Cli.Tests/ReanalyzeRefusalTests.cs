using System.Diagnostics;
using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>Requests refused before any file is opened: no model or store is needed, so they run everywhere.</summary>
public sealed class ReanalyzeRefusalTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string[] Args(string bbox, string resolution, string to, string output, params string[] more) =>
        ["reanalyze", "--model", _fx.Path_("no-model"), "--store", _fx.Path_("no.duckdb"), "--bbox", bbox, "--resolution", resolution,
         "--from", "2016-12-01", "--to", to, "--out", _fx.Path_(output), .. more];

    [Fact]
    public void An_oversized_grid_is_refused_at_once_with_the_estimate()
    {
        var clock = Stopwatch.StartNew();
        var (exit, _, err) = CliApp.Run(Args("100,20,130,50", "0.01", "2016-12-31T23", "big.nc"));
        clock.Stop();
        Assert.Equal(2, exit);
        // 3000 × 3000 cells × 744 hours × 2 float32 variables
        Assert.Contains("the output would be about 49.9 GiB (9,000,000 cells × 744 steps), more than --max-output 10.0 GiB", err);
        Assert.Contains("coarser --resolution", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"refusal took {clock.Elapsed}");
        Assert.Empty(Directory.GetFileSystemEntries(_fx.Dir));
    }

    [Fact]
    public void Max_output_is_an_option_and_its_value_is_checked()
    {
        var (exit, _, err) = CliApp.Run(Args("116,39,117,40", "0.1", "2016-12-01T23", "small.nc", "--max-output", "10K"));
        Assert.Equal(2, exit);
        Assert.Contains("more than --max-output 10.0 KiB", err);
        (exit, _, err) = CliApp.Run(Args("116,39,117,40", "0.1", "2016-12-01T23", "small.nc", "--max-output", "lots"));
        Assert.Equal(2, exit);
        Assert.Contains("--max-output 'lots': expected a size such as 500M, 10G or 2T", err);
    }

    [Theory]
    [InlineData("grid.tif", "--out")]
    [InlineData("grid.nc", "--partial-days")]
    [InlineData("grid.nc", "--far-km")]
    public void Bad_values_are_named_with_exit_2(string output, string option)
    {
        string[] more = option switch { "--partial-days" => ["--daily", "--partial-days", "some"], "--far-km" => ["--far-km", "-3"], _ => [] };
        var (exit, _, err) = CliApp.Run(Args("116,39,117,40", "0.1", "2016-12-01T23", output, more));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + option, err);
        Assert.DoesNotContain("   at ", err);
    }
}
