using System.CommandLine;
using AqNet.Core.Fill;
using AqNet.Torch.Jobs.Fill;
using AqNet.Torch.Jobs.Reanalyze;

namespace AqNet.Cli.Commands;

public static class FillCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store("The store to fill from; its filled table gets the result (these stations and hours replaced).");
        var output = new Option<string>("--out") { Description = "NAME.nc (NetCDF, CF-1.8 timeSeries), NAME.zarr or NAME.parquet; NAME.summary.md is written beside it.", Required = true };
        var from = new Option<string?>("--from") { Description = "First hour, UTC (default: the stations' first hour)." };
        var to = new Option<string?>("--to") { Description = "Last hour, UTC, inclusive (default: the stations' last hour)." };
        var stations = new Option<string?>("--stations") { Description = "Station ids separated by commas (default: every station with data)." };
        var model = new Option<string?>("--model") { Description = "A model folder written by `aqnet fit` (aqnet-st, calibrated 90% intervals). Without it: linear in time up to 6 h, else kriging." };
        var png = new Option<string?>("--png") { Description = "A folder for one plot per station: observed values, filled hours and their 90% interval (created if missing)." };
        var institution = new Option<string?>("--institution") { Description = "Who produces the file (its institution attribute; default: the data's publishers and AqNet)." };
        var shard = new ShardOptions();
        var cmd = new Command("fill", "The gap-filled record: every station at every hour, observed values unchanged, gaps filled with a 90% interval and a flag.")
        {
            store, output, from, to, stations, model, png, institution, shard.Shard, shard.Shards,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new FillOptions
            {
                StorePath = r.GetValue(store)!, OutPath = r.GetValue(output)!, Stations = ExperimentCommand.SplitList(r.GetValue(stations)),
                FromUtc = r.GetValue(from) is { } f ? ReanalyzeOptions.ParseUtc(f, "--from") : null,
                ToUtc = r.GetValue(to) is { } t ? ReanalyzeOptions.ParseUtc(t, "--to") : null,
                Institution = r.GetValue(institution), CommandLine = CliRun.CommandLine(r), PngDir = r.GetValue(png),
            };
            r.InvocationConfiguration.Output.Write(ShardedFill.Run(o, r.GetValue(model), shard.Resolve(r), CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
