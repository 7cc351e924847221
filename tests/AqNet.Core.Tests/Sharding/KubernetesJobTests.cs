using System.Text.RegularExpressions;
using AqNet.Core.Sharding;

namespace AqNet.Core.Tests.Sharding;

/// <summary>bench/k8s/aqnet-indexed-job.yaml: an Indexed Job whose pods, with the index Kubernetes gives them, run each
/// shard once.</summary>
public sealed class KubernetesJobTests
{
    private static string Manifest([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "bench", "k8s", "aqnet-indexed-job.yaml"));

    private static string Field(string yaml, string pattern) =>
        Regex.Match(yaml, pattern, RegexOptions.Multiline) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no match for {pattern}");

    [Fact]
    public void Every_pod_index_of_the_indexed_job_runs_a_different_shard_of_its_completions()
    {
        var yaml = Manifest();
        Assert.Equal("Indexed", Field(yaml, @"^\s*completionMode:\s*(\w+)"));
        var completions = int.Parse(Field(yaml, @"^\s*completions:\s*(\d+)"));
        var shards = Field(yaml, @"name:\s*AQNET_SHARDS\s*\n\s*value:\s*""(\d+)""");
        Assert.Equal(completions.ToString(), shards);
        Assert.DoesNotContain("--shard", yaml.Split("args:")[1]);
        var seen = Enumerable.Range(0, completions)
            .Select(i => ShardEnvironment.Resolve(null, null, n => n switch { "JOB_COMPLETION_INDEX" => $"{i}", "AQNET_SHARDS" => shards, _ => null }))
            .ToList();
        Assert.Equal(Enumerable.Range(0, completions).Select(i => (ShardIndex?)new ShardIndex(i, completions)), seen);
    }
}
