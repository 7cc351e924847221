using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace AqNet.Tests;

/// <summary>External programs some tests check our files with (ncdump, gdalinfo, Python's numpy/xarray/zarr). A fresh
/// machine with only the .NET SDK has none of them: such tests are skipped there with the reason, but with CI=true they
/// run and fail, because `.ci/run` installs them.</summary>
public static class ExternalTools
{
    public const string InstallHint = "apt-get install -y netcdf-bin gdal-bin python3-xarray python3-netcdf4 python3-zarr python3-dask, as .ci/run does";

    private static readonly ConcurrentDictionary<string, string?> Cache = new();

    /// <summary>Null when <paramref name="tool"/> runs and imports every Python module given, else why not.</summary>
    public static string? Missing(string tool, params string[] pythonModules) => Cache.GetOrAdd(tool + "|" + string.Join(",", pythonModules), _ =>
    {
        if (!File.Exists(tool) && Find(tool) is null) return $"'{tool}' not found";
        if (pythonModules.Length == 0) return null;
        var (code, _, err) = Run(tool, ["-c", "import " + string.Join(", ", pythonModules)], TimeSpan.FromSeconds(60));
        return code == 0 ? null : $"{tool} cannot import {string.Join(", ", pythonModules)}: {err.Trim().Split('\n')[^1]}";
    });

    private static string? Find(string tool) => Path.IsPathRooted(tool) ? null
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static (int Code, string Out, string Err) Run(string exe, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(Find(exe) ?? exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout)) { p.Kill(entireProcessTree: true); throw new TimeoutException($"{exe} did not finish in {timeout}"); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A fact that needs the real data and an external program with Python modules, e.g.
/// [DataToolFact("/usr/bin/python3", "numpy", "xarray", "netCDF4")]; skipped with the reason outside CI.</summary>
public sealed class DataToolFactAttribute : FactAttribute
{
    public DataToolFactAttribute(string tool, params string[] pythonModules)
    {
        if (TestData.InCi) return;
        if (TestData.Root is null) Skip = TestData.SkipReason;
        else if (ExternalTools.Missing(tool, pythonModules) is { } why) Skip = why + " (" + ExternalTools.InstallHint + ")";
    }
}
