using System.Diagnostics;
using AqNet.Core.Grid;
using AqNet.Core.NetCdf;

namespace AqNet.Cli.Tests;

/// <summary>`aqnet serve` as a process: it prints its address, answers, and on SIGTERM or SIGINT (Ctrl-C) stops cleanly
/// with "stopped" and exit 0.</summary>
public sealed class ServeSignalTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_the_server_cleanly(string signal)
    {
        if (!OperatingSystem.IsLinux()) return;
        var grid = _fx.Path_("g.nc");
        WriteGrid(grid);
        // Through env --default-signal: a test host started in the background by a non-interactive shell ignores SIGINT, and
        // an ignored signal stays ignored in its children; the server must get SIGINT as a user's Ctrl-C sends it.
        var psi = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--default-signal=INT,TERM", "dotnet", Path.Combine(AppContext.BaseDirectory, "aqnet.dll"), "serve", "--grid", grid, "--port", "0" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        try
        {
            var line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
            Assert.Matches("^serving .*g.nc at http://127.0.0.1:[0-9]+/ \\(Ctrl-C to stop\\)$", line);
            var url = line.Split(" at ")[1].Split(' ')[0];
            using (var http = new HttpClient())
                Assert.Contains("\"nLon\":3", await http.GetStringAsync(url + "api/meta"));
            using (var kill = Process.Start("kill", ["-" + signal, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            Assert.True(p.WaitForExit(TimeSpan.FromSeconds(30)), "the server did not stop within 30 s");
            Assert.Equal(0, p.ExitCode);
            Assert.Equal("stopped", (await p.StandardOutput.ReadToEndAsync()).Trim());
            Assert.Equal("", await p.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!p.HasExited) p.Kill();
        }
    }

    private static void WriteGrid(string path)
    {
        var t0 = new DateTime(2019, 3, 1, 1, 0, 0, DateTimeKind.Utc);
        var steps = OutputSteps.Hourly(t0, 2);
        var info = new ProductInfo("t", "inst", "src", "h", "refs", "CC BY 4.0");
        var layout = new ReanalysisLayout
        {
            Grid = new GridSpec(160, 20, 160.3, 20.2, 0.1), Steps = steps, Daily = false, StepVariables = [GridVariable.Pm25()],
            FarThresholdKm = 20, FarRule = "test", Globals = CfMetadata.Globals(info, steps[0].StartUtc, steps[^1].EndUtc, "PT1H", (20, 20.2, 160, 160.3)),
        };
        using var w = DatasetWriter.For(path, ReanalysisSchema.Build(layout));
        w.Write<float>("pm25", 0, [.. Enumerable.Range(0, 12).Select(c => (float)c)]);
        w.Complete();
    }
}
