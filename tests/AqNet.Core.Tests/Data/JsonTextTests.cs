using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Experiments;

namespace AqNet.Core.Tests.Data;

public sealed class JsonTextTests
{
    [Fact]
    public void Non_ascii_text_is_written_as_itself_and_only_json_syntax_is_escaped()
    {
        var doc = new Dictionary<string, object?> { ["name"] = "北京 \"Wanliu\"", ["unit"] = "µg/m³", ["r2"] = "R²" };
        foreach (var options in new[] { JsonText.SnakeCase, ResultsWriter.Json })
        {
            var json = JsonSerializer.Serialize(doc, options);
            Assert.Contains("\"北京 \\\"Wanliu\\\"\"", json);
            Assert.Contains("\"µg/m³\"", json);
            Assert.Contains("\"R²\"", json);
            Assert.DoesNotContain("\\u", json);
        }
    }

    [Fact]
    public void A_run_records_the_command_version_revision_and_date()
    {
        var run = RunInfo.Now("aqnet experiment spatial --store 北京.duckdb");
        var json = JsonSerializer.Serialize(run, JsonText.SnakeCase);
        using var parsed = JsonDocument.Parse(json);
        var root = parsed.RootElement;
        Assert.Equal("aqnet experiment spatial --store 北京.duckdb", root.GetProperty("command").GetString());
        Assert.Equal(BuildInfo.Version, root.GetProperty("aqnet_version").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", BuildInfo.Version);
        Assert.True(root.TryGetProperty("git_revision", out _));
        Assert.True(DateTime.UtcNow - DateTime.Parse(root.GetProperty("date_utc").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal) < TimeSpan.FromMinutes(5));
    }
}
