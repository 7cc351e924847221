using AqNet.Tests;

namespace AqNet.Viewer.Tests;

/// <summary>A test that drives Debian's headless Chromium through chromedriver. Skipped with the reason where they
/// are missing, but in CI (CI=true) it runs and fails, since `.ci/run` installs chromium and chromium-driver.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium", Driver = "/usr/bin/chromedriver";

    public BrowserFactAttribute()
    {
        if (TestData.InCi) return;
        var missing = new[] { Chromium, Driver }.Where(p => !File.Exists(p)).ToArray();
        if (missing.Length > 0) Skip = $"{string.Join(" and ", missing)} not found (apt-get install -y chromium chromium-driver, as .ci/run does)";
    }
}
