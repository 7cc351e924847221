using Xunit;

namespace AqNet.Tests;

/// <summary>A fact that needs an external program (and optionally Python modules importable by it), e.g.
/// [ToolFact("ncdump")] or [ToolFact("/usr/bin/python3", "xarray", "zarr")]. Where it is missing the test is skipped
/// with the reason, but in CI (CI=true) it runs and fails, so a CI image without the tools can't pass silently.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool, params string[] pythonModules)
    {
        if (TestData.InCi) return;
        if (ExternalTools.Missing(tool, pythonModules) is { } why) Skip = why + " (" + ExternalTools.InstallHint + ")";
    }
}
