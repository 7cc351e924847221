using System.Text.Json;
using AqNet.Cli;

namespace AqNet.Cli.Tests;

public sealed class DoctorCliTests
{
    [Fact]
    public void Doctor_json_reports_the_runtime_and_a_working_libtorch()
    {
        var (exit, output, err) = CliApp.Run("doctor", "--json");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(8f, root.GetProperty("check_sum").GetSingle());
        Assert.Equal(AqNet.Core.Data.BuildInfo.Version, root.GetProperty("aqnet_version").GetString());
        Assert.StartsWith("2.", root.GetProperty("libtorch_version").GetString());
        Assert.True(root.GetProperty("threads").GetInt32() >= 1);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("compatibility").GetProperty("summary").GetString()));
    }
}
