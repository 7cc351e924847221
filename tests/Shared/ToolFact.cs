using System.Collections.Concurrent;
using System.Diagnostics;

namespace AqNet.Tests;

/// <summary>A fact that needs an external program (and optionally a Python module importable by it), e.g.
/// [ToolFact("ncdump")] or [ToolFact("/usr/bin/python3", "xarray")]. Where it is missing the test is skipped with the
/// reason, but in CI (CI=true) it runs and fails, so a CI image without the tools can't pass silently.
/// CI installs them with: apt-get install -y netcdf-bin gdal-bin python3-xarray python3-netcdf4 python3-zarr</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public const string Install = "apt-get install -y netcdf-bin gdal-bin python3-xarray python3-netcdf4 python3-zarr";

    public ToolFactAttribute(string tool, string? pythonModule = null)
    {
        var missing = Tools.Missing(tool, pythonModule);
        if (missing is not null && !TestData.InCi) Skip = missing + " (" + Install + ")";
    }
}

/// <summary>A fact that needs both the real data and an external tool; skipped with the reason when either is missing
/// outside CI.</summary>
public sealed class DataToolFactAttribute : FactAttribute
{
    public DataToolFactAttribute(string tool, string? pythonModule = null)
    {
        if (TestData.InCi) return;
        if (TestData.Root is null) Skip = TestData.SkipReason;
        else if (Tools.Missing(tool, pythonModule) is { } missing) Skip = missing + " (" + ToolFactAttribute.Install + ")";
    }
}

public static class Tools
{
    private static readonly ConcurrentDictionary<string, string?> Cache = new();

    /// <summary>Null when usable, else why not.</summary>
    public static string? Missing(string tool, string? module = null) => Cache.GetOrAdd(tool + "|" + module, _ =>
    {
        var exe = Find(tool);
        if (exe is null) return $"'{tool}' not found on PATH";
        if (module is null) return null;
        var (code, _, err) = Run(exe, ["-c", "import " + module], TimeSpan.FromSeconds(60));
        return code == 0 ? null : $"{tool} cannot import {module}: {err.Trim()}";
    });

    public static string? Find(string tool)
    {
        if (Path.IsPathRooted(tool)) return File.Exists(tool) ? tool : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }

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
