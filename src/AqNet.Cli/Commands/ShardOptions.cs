using System.CommandLine;
using AqNet.Core.Sharding;

namespace AqNet.Cli.Commands;

/// <summary>--shard I/N and --shards N, shared by `reanalyze` and `fill` (docs/scaling.md).</summary>
internal sealed class ShardOptions
{
    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run one shard I/N (0-based, e.g. 0/4) of the job, written to NAME.shards beside --out. Without it the shard comes from " +
                      "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX (Kubernetes) with --shards or AQNET_SHARDS.",
    };

    public Option<int?> Shards { get; } = new("--shards") { Description = "The number of shards, for an index from the environment (Kubernetes: the Job's completions)." };

    public ShardIndex? Resolve(ParseResult r) => ShardEnvironment.FromProcess(r.GetValue(Shard), r.GetValue(Shards));
}
