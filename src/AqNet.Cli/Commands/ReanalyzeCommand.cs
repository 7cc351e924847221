using System.CommandLine;
using AqNet.Core.Grid;
using AqNet.Core.Data;
using AqNet.Torch.Jobs.Reanalyze;

namespace AqNet.Cli.Commands;

public static class ReanalyzeCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model folder: the production aqnet-st model of `aqnet fit` (both sides in time, a calibrated 90% interval), or the neural kNN of `aqnet experiment spatial` (DIR/model).", Required = true };
        var store = StoreOptions.Store("The store the model was trained on (checked by fingerprint).");
        var bbox = new Option<string>("--bbox") { Description = "LON0,LAT0,LON1,LAT1 in degrees, e.g. 115.9,39.6,116.9,40.5.", Required = true };
        var resolution = new Option<double>("--resolution") { Description = "Cell size in degrees, e.g. 0.02.", Required = true };
        var from = new Option<string>("--from") { Description = "First hour, UTC (2016-12-01 or 2016-12-01T06:00).", Required = true };
        var to = new Option<string>("--to") { Description = "Last hour, UTC, inclusive.", Required = true };
        var output = new Option<string>("--out") { Description = "Output: NAME.nc (NetCDF, CF-1.8) or NAME.zarr (Zarr v2, compressed); a summary NAME.summary.md is written beside it.", Required = true };
        var daily = new Option<bool>("--daily") { Description = "Daily means over the network's local days, with annual means and days above the WHO 2021 and GB 3095-2012 limits." };
        var partial = new EnumOption<PartialDays>("--partial-days", "With --daily: drop or keep (marked) the local days the period covers only in part.", PartialDays.Drop);
        var maxOutput = new Option<string>("--max-output") { Description = "Refuse when the estimated output is larger, e.g. 500M, 10G, 2T.", DefaultValueFactory = _ => "10G" };
        var farKm = new Option<double?>("--far-km") { Description = "Flag cells farther than this (km) from the nearest station in far_from_stations (default: twice the median station spacing)." };
        var institution = new Option<string?>("--institution") { Description = "Who produces the file (its institution attribute; default: the data's publishers and AqNet)." };
        var png = new Option<string?>("--png") { Description = "Also write PNG maps into this folder." };
        var ks = new Option<string?>("--k") { Description = "Neighbour counts whose estimates are averaged, e.g. 5,10,20 (default the model's)." };
        var shard = new ShardOptions();
        var cmd = new Command("reanalyze", "Gridded PM2.5 for every hour (or local day) of a period, with the spread over k, distance to the nearest station and a far-from-stations mask, as NetCDF or Zarr, maps and a summary.")
        {
            model, store, bbox, resolution, from, to, output, daily, partial.Option, png, ks, maxOutput, farKm, institution, shard.Shard, shard.Shards,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new ReanalyzeOptions
            {
                ModelDir = r.GetValue(model)!, StorePath = r.GetValue(store)!, Grid = ReanalyzeOptions.ParseGrid(r.GetValue(bbox)!, r.GetValue(resolution)),
                FromUtc = ReanalyzeOptions.ParseUtc(r.GetValue(from)!, "--from"), ToUtc = ReanalyzeOptions.ParseUtc(r.GetValue(to)!, "--to"),
                OutPath = r.GetValue(output)!, Daily = r.GetValue(daily), PngDir = r.GetValue(png), Ks = ExperimentCommand.ParseInts(r.GetValue(ks), "--k"),
                PartialDays = partial.Value(r), MaxOutputBytes = ByteSize.Parse(r.GetValue(maxOutput)!, "--max-output"),
                FarKm = ReanalyzeOptions.ParseFarKm(r.GetValue(farKm)), Institution = r.GetValue(institution), CommandLine = CliRun.CommandLine(r),
            };
            r.InvocationConfiguration.Output.Write(ShardedReanalyze.Run(o, shard.Resolve(r), CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
