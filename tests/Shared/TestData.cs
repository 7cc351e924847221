using Xunit;

namespace AqNet.Tests;

/// <summary>Locates the real data folder for tests: $AQNET_DATA, else ../shared/data found by walking up
/// from the test's folder. Tests that need it use [DataFact]/[DataTheory]: on a machine without the data they
/// are skipped with a visible reason, but in CI (CI=true) they run and fail, so a broken CI setup can't hide.</summary>
public static class TestData
{
    public static readonly string? Root = Find();

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string SkipReason = "real data not found: set AQNET_DATA or place shared/data beside the repository (../shared/data)";

    /// <summary>The data root, or a failing assertion naming what is missing (used inside data tests).</summary>
    public static string Require(string relative = "")
    {
        Assert.True(Root is not null, SkipReason);
        var p = Path.Combine(Root!, relative);
        Assert.True(File.Exists(p) || Directory.Exists(p), $"expected data at {p}");
        return p;
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("AQNET_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        // The repository sits beside shared/: walk up from bin/... until some ancestor has shared/data.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "README.md"))) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that needs the real data in ../shared/data (or $AQNET_DATA).</summary>
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute()
    {
        if (TestData.Root is null && !TestData.InCi) Skip = TestData.SkipReason;
    }
}

public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute()
    {
        if (TestData.Root is null && !TestData.InCi) Skip = TestData.SkipReason;
    }
}
