using System.CommandLine;
using AqNet.Torch.Jobs;

namespace AqNet.Cli.Commands;

public static class ReanalyzeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A trained neural kNN model folder (DIR/model of `aqnet experiment spatial`).", Required = true };
        var store = StoreOptions.Store("The store the model was trained on (checked by fingerprint).");
        var bbox = new Option<string>("--bbox") { Description = "LON0,LAT0,LON1,LAT1 in degrees, e.g. 115.9,39.6,116.9,40.5.", Required = true };
        var resolution = new Option<double>("--resolution") { Description = "Cell size in degrees, e.g. 0.02.", Required = true };
        var from = new Option<string>("--from") { Description = "First hour, UTC (2016-12-01 or 2016-12-01T06:00).", Required = true };
        var to = new Option<string>("--to") { Description = "Last hour, UTC, inclusive.", Required = true };
        var output = new Option<string>("--out") { Description = "NetCDF file to write (CF-1.8).", Required = true };
        var daily = new Option<bool>("--daily") { Description = "Daily means (local calendar days of the network) instead of hours." };
        var png = new Option<string?>("--png") { Description = "Also write PNG maps into this folder." };
        var ks = new Option<string?>("--k") { Description = "Neighbour counts whose estimates are averaged, e.g. 5,10,20 (default the model's)." };
        var cmd = new Command("reanalyze", "Gridded PM2.5 for every hour (or day) of a period, with uncertainty and distance to the nearest station, as NetCDF and maps.")
        {
            model, store, bbox, resolution, from, to, output, daily, png, ks,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new ReanalyzeOptions
            {
                ModelDir = r.GetValue(model)!, StorePath = r.GetValue(store)!, Grid = ReanalyzeOptions.ParseGrid(r.GetValue(bbox)!, r.GetValue(resolution)),
                FromUtc = ReanalyzeOptions.ParseUtc(r.GetValue(from)!, "--from"), ToUtc = ReanalyzeOptions.ParseUtc(r.GetValue(to)!, "--to"),
                OutPath = r.GetValue(output)!, Daily = r.GetValue(daily), PngDir = r.GetValue(png), Ks = ExperimentCommand.ParseInts(r.GetValue(ks), "--k"),
            };
            r.InvocationConfiguration.Output.Write(ReanalyzeJob.Run(o, CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
