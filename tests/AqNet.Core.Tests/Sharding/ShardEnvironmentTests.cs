using AqNet.Core.Data;
using AqNet.Core.Sharding;

namespace AqNet.Core.Tests.Sharding;

public sealed class ShardEnvironmentTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_option_wins_over_the_environment()
    {
        Assert.Equal(new ShardIndex(2, 4), ShardEnvironment.Resolve("2/4", null, Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "8"))));
        Assert.Null(ShardEnvironment.Resolve(null, null, Env()));
    }

    [Fact]
    public void A_slurm_array_task_gives_its_index_counted_from_the_arrays_first_task()
    {
        Assert.Equal(new ShardIndex(3, 4), ShardEnvironment.Resolve(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Equal(new ShardIndex(0, 4), ShardEnvironment.Resolve(null, null,
            Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
    }

    [Fact]
    public void A_kubernetes_indexed_job_pod_gives_its_completion_index_of_shards_or_aqnet_shards()
    {
        Assert.Equal(new ShardIndex(5, 6), ShardEnvironment.Resolve(null, 6, Env(("JOB_COMPLETION_INDEX", "5"))));
        Assert.Equal(new ShardIndex(1, 3), ShardEnvironment.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "1"), ("AQNET_SHARDS", "3"))));
    }

    [Theory]
    [InlineData("4/4", null, "--shard '4/4': shard index 4 is outside 0 .. 3")]
    [InlineData("0/0", null, "--shard '0/0': the shard count 0 is not allowed")]
    [InlineData("a/4", null, "--shard 'a/4': expected I/N")]
    [InlineData("-1/4", null, "--shard '-1/4': expected I/N")]
    [InlineData("1/4", 3, "--shard 1/4 and --shards 3 disagree")]
    [InlineData(null, 0, "--shards 0: expected a shard count >= 1")]
    [InlineData(null, 4, "--shards 4 without a shard index")]
    public void Bad_options_are_refused_naming_the_value(string? shard, int? shards, string message)
    {
        var e = Assert.Throws<InputException>(() => ShardEnvironment.Resolve(shard, shards, Env()));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("SLURM_ARRAY_TASK_ID", "x3", "environment variable SLURM_ARRAY_TASK_ID='x3': expected a whole number")]
    [InlineData("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_ID '4 of 4': shard index 4 is outside 0 .. 3")]
    [InlineData("SLURM_ARRAY_TASK_COUNT", "four", "environment variable SLURM_ARRAY_TASK_COUNT='four': expected a whole number")]
    public void Bad_slurm_values_are_refused_naming_the_variable_and_value(string name, string value, string message)
    {
        var vars = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "4", [name] = value };
        var e = Assert.Throws<InputException>(() => ShardEnvironment.Resolve(null, null, n => vars.GetValueOrDefault(n)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Bad_kubernetes_values_are_refused_naming_the_variable_and_value()
    {
        Assert.Contains("JOB_COMPLETION_INDEX=2 is set but the shard count is not",
            Assert.Throws<InputException>(() => ShardEnvironment.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "2")))).Message);
        Assert.Contains("JOB_COMPLETION_INDEX '3 of 3'",
            Assert.Throws<InputException>(() => ShardEnvironment.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "3"), ("AQNET_SHARDS", "3")))).Message);
        Assert.Contains("environment variable AQNET_SHARDS='2x': expected a whole number",
            Assert.Throws<InputException>(() => ShardEnvironment.Resolve(null, null, Env(("JOB_COMPLETION_INDEX", "0"), ("AQNET_SHARDS", "2x")))).Message);
    }
}
