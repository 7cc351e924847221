using AqNet.Core.Data;
using AqNet.Core.Fill;
using AqNet.Core.NetCdf;
using AqNet.Core.Sharding;
using AqNet.Core.Store;

namespace AqNet.Torch.Jobs.Fill;

/// <summary>`aqnet fill` with or without a shard: without, the whole job (<see cref="ModelFill"/>); with one, the shard's
/// units of the plan (whole-day time slices × groups of stations in id order), each a fill of its stations and hours
/// written as a part file in NAME.shards beside --out. Parts leave the store's filled table alone (shards never write
/// the store). A part fills its stations with their neighbours as inputs over its hours and the filler's context hours,
/// so where the filler fits something on the whole panel (the kriging variogram, the interval calibration) a part's
/// fit is its own and values may differ slightly from a single-process run; docs/scaling.md.</summary>
public static class ShardedFill
{
    public static string Run(FillOptions o, string? modelDir, ShardIndex? shard, IProgress<string>? progress, CancellationToken ct)
    {
        if (shard is not { } s) return ModelFill.Run(o, modelDir, progress, ct);
        if (o.PngDir is not null) throw new InputException("--png draws whole station series; a shard holds a slice of them: plot from a single run, or leave --png out with --shard");
        var folder = new ShardFolder(o.OutPath);
        var (manifest, stations) = Manifest(o, modelDir, s.Count, folder);
        return ShardRunner.Run(folder, manifest, s, (part, path, created) =>
        {
            var unit = o with
            {
                Stations = stations.GetRange(part.FirstItem, part.Items), OutPath = path, WriteStore = false, CreatedUtc = created,
                CommandLine = manifest.Command, FromUtc = UtcHour.Parse(part.FromUtc, "part"), ToUtc = UtcHour.Parse(part.ToUtc, "part"),
            };
            progress?.Report(ModelFill.Run(unit, modelDir, progress, ct).TrimEnd());
        }, progress, ct);
    }

    private static (ShardManifest, List<string>) Manifest(FillOptions o, string? modelDir, int shards, ShardFolder folder)
    {
        var format = FillJob.FormatOf(o.OutPath);
        List<string> ids;
        DateTime from, to;
        using (var store = AqStore.OpenRead(o.StorePath))
        {
            var all = StoreReader.Stations(store).Where(x => x.FirstHour is not null).ToDictionary(x => x.Station.Id);
            ids = [.. o.Stations ?? [.. all.Keys.Order(StringComparer.Ordinal)]];
            var chosen = ids.Select(id => all.TryGetValue(id, out var x) ? x
                : throw new InputException($"--stations: '{id}' has no data in store '{o.StorePath}'; `aqnet stations --store {o.StorePath}` lists them")).ToList();
            if (chosen.Count == 0) throw new InputException($"store '{o.StorePath}' holds no station with data");
            from = o.FromUtc ?? HourAxis.ToUtc(chosen.Min(x => x.FirstHour!.Value));
            to = o.ToUtc ?? HourAxis.ToUtc(chosen.Max(x => x.LastHour!.Value));
        }
        if (to < from) throw new InputException($"--from {Fmt.Utc(from)} is after --to {Fmt.Utc(to)}; expected from <= to");
        var hours = (int)(to - from).TotalHours + 1;
        var plan = ShardPlan.Create(hours, ids.Count, shards, sliceTime: true);
        var command = "aqnet " + CfMetadata.CommandLine(
        [
            "fill", "--store", o.StorePath, "--out", o.OutPath, "--from", Fmt.Utc(from), "--to", Fmt.Utc(to),
            .. o.Stations is null ? [] : new[] { "--stations", string.Join(",", o.Stations) },
            .. modelDir is null ? [] : new[] { "--model", modelDir },
        ]);
        var open = format switch
        {
            FilledFormat.Parquet => $"pd.concat([pd.read_parquet('{folder.Dir}/' + p['file']) for p in json.load(open('{folder.ManifestPath}'))['parts']])",
            _ => $"xr.open_mfdataset([['{folder.Dir}/' + p['file'] for p in g] for _, g in itertools.groupby(json.load(open('{folder.ManifestPath}'))['parts'], " +
                 "key=lambda p: p['slice'])], combine='nested', concat_dim=['time', 'station'], data_vars='minimal', coords='minimal', compat='override'" +
                 (format == FilledFormat.Zarr ? ", engine='zarr'" : "") + ")",
        };
        return (new ShardManifest("fill", command, shards, folder.Extension, "stations", ShardRunner.Parts(plan, from, folder.Extension), open), ids);
    }
}
