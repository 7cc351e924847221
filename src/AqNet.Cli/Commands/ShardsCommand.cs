using System.CommandLine;
using AqNet.Core.Sharding;

namespace AqNet.Cli.Commands;

/// <summary>`aqnet shards verify|merge`: the state of a sharded output, and its parts as one file.</summary>
public static class ShardsCommand
{
    public static Command Create()
    {
        var cmd = new Command("shards", "Check a sharded output (NAME.shards beside --out) and merge its parts into one file.");
        cmd.Add(Verify());
        cmd.Add(Merge());
        return cmd;
    }

    private static Command Verify()
    {
        var output = new Option<string>("--out") { Description = "The --out the sharded runs were given (NAME.nc or NAME.zarr); NAME.shards beside it is checked.", Required = true };
        var checksums = new Option<bool>("--checksums") { Description = "Also recompute each part's SHA-256 and compare it with the shard's marker." };
        var cmd = new Command("verify", "Report missing and partial shards; exit 0 when every shard is complete, 1 when not.") { output, checksums };
        cmd.SetAction(r =>
        {
            var result = ShardVerify.Run(r.GetValue(output)!, r.GetValue(checksums));
            r.InvocationConfiguration.Output.Write(result.Text(new ShardFolder(r.GetValue(output)!).Dir));
            return result.Complete ? 0 : 1;
        });
        return cmd;
    }

    private static Command Merge()
    {
        var output = new Option<string>("--out") { Description = "The --out the sharded runs were given (NAME.nc): the parts in NAME.shards are merged into it.", Required = true };
        var cmd = new Command("merge", "Merge the NetCDF parts of a complete sharded reanalysis into one NetCDF file, as a single-process run writes it.") { output };
        cmd.SetAction((r, ct) =>
        {
            r.InvocationConfiguration.Output.Write(ShardMerge.Run(r.GetValue(output)!, CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
