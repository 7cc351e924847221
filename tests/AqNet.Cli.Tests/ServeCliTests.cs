using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>`aqnet serve` refusals: exit 2 with one line naming the option, before anything listens.</summary>
public sealed class ServeCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    public void A_bind_beyond_loopback_is_refused_without_allow_remote(string bind)
    {
        var (exit, _, err) = CliApp.Run("serve", "--grid", _fx.Path_("g.nc"), "--bind", bind);
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: --bind {bind}: not a loopback address", err);
        Assert.Contains("--allow-remote", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void A_missing_grid_or_bad_port_is_refused()
    {
        var (exit, _, err) = CliApp.Run("serve", "--grid", _fx.Path_("none.nc"));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: --grid ", err);
        Assert.Contains("no such file or folder", err);
        (exit, _, err) = CliApp.Run("serve", "--grid", _fx.Path_("none.nc"), "--port", "70000");
        Assert.Equal(2, exit);
        Assert.Contains("--port 70000: expected 0..65535", err);
    }
}
