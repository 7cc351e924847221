using AqNet.Core.Data;

namespace AqNet.Core.Sharding;

/// <summary>Which shard this process runs: --shard I/N when given; else a Slurm job array task
/// (SLURM_ARRAY_TASK_ID, counted from SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT tasks); else a Kubernetes
/// Indexed Job pod (JOB_COMPLETION_INDEX, of --shards N or AQNET_SHARDS, the Job's `completions`); else none (one
/// process does the whole job). A value that is not a whole number, or an index outside 0 .. N−1, is refused naming
/// the variable and its value.</summary>
public static class ShardEnvironment
{
    public const string SlurmId = "SLURM_ARRAY_TASK_ID", SlurmCount = "SLURM_ARRAY_TASK_COUNT", SlurmMin = "SLURM_ARRAY_TASK_MIN",
        K8sIndex = "JOB_COMPLETION_INDEX", Count = "AQNET_SHARDS";

    /// <summary>The shard to run, or null for the whole job. <paramref name="env"/> reads an environment variable.</summary>
    public static ShardIndex? Resolve(string? shardOption, int? shardsOption, Func<string, string?> env)
    {
        if (shardsOption is { } s && s < 1) throw new InputException($"--shards {s}: expected a shard count >= 1");
        if (shardOption is not null)
        {
            var given = ShardIndex.Parse(shardOption);
            if (shardsOption is { } n && n != given.Count)
                throw new InputException($"--shard {shardOption} and --shards {n} disagree on the shard count; give one of them");
            return given;
        }
        if (Value(env, SlurmId) is { } slurm)
        {
            var min = Value(env, SlurmMin) ?? 0;
            var count = shardsOption ?? Value(env, SlurmCount)
                ?? throw new InputException($"{SlurmId}={slurm} is set but {SlurmCount} is not; give --shards N (the array's size)");
            return ShardIndex.Checked(slurm - min, count, SlurmId, $"{slurm}" + (min != 0 ? $" (minus {SlurmMin}={min})" : "") + $" of {count}");
        }
        if (Value(env, K8sIndex) is { } k8s)
        {
            var count = shardsOption ?? Value(env, Count)
                ?? throw new InputException($"{K8sIndex}={k8s} is set but the shard count is not; give --shards N or set {Count} (the Job's completions)");
            return ShardIndex.Checked(k8s, count, K8sIndex, $"{k8s} of {count}");
        }
        if (shardsOption is { } only)
            throw new InputException($"--shards {only} without a shard index: give --shard I/{only}, or run as a Slurm array task or a Kubernetes Indexed Job pod");
        return null;
    }

    public static ShardIndex? FromProcess(string? shardOption, int? shardsOption) =>
        Resolve(shardOption, shardsOption, Environment.GetEnvironmentVariable);

    private static long? Value(Func<string, string?> env, string name)
    {
        var text = env(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(text.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, Fmt.Inv, out var v)
            ? v
            : throw new InputException($"environment variable {name}='{text}': expected a whole number");
    }
}
