using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.NetCdf;
using AqNet.Core.Sharding;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>`aqnet reanalyze` with or without a shard: without, the whole job (<see cref="ReanalyzeJob"/>); with one,
/// the shard's units of the plan (time slices cut at local-day boundaries × bands of grid rows), each a reanalysis of
/// its rows and hours written as a part file in NAME.shards beside --out. A part computes exactly what the
/// single-process run computes for its cells and hours, so the parts together equal the single run value for value.</summary>
public static class ShardedReanalyze
{
    public static string Run(ReanalyzeOptions o, ShardIndex? shard, IProgress<string>? progress, CancellationToken ct)
    {
        if (shard is not { } s) return ReanalyzeJob.Run(o, progress, ct);
        if (o.PngDir is not null) throw new InputException("--png is not available with a shard: each shard holds only part of the grid; draw maps from the merged output");
        var folder = new ShardFolder(o.OutPath);
        var manifest = Manifest(o, s.Count, folder);
        return ShardRunner.Run(folder, manifest, s, (part, path, created) =>
        {
            var unit = o with
            {
                Grid = o.Grid.RowBand(part.FirstItem, part.Items), OutPath = path, CreatedUtc = created, CommandLine = manifest.Command,
                FromUtc = UtcHour.Parse(part.FromUtc, "part"), ToUtc = UtcHour.Parse(part.ToUtc, "part"),
            };
            progress?.Report(ReanalyzeJob.Run(unit, progress, ct).TrimEnd());
        }, progress, ct);
    }

    /// <summary>The manifest of the whole job for <paramref name="shards"/> shards (the same in every shard).</summary>
    public static ShardManifest Manifest(ReanalyzeOptions o, int shards, ShardFolder folder)
    {
        if (o.ToUtc < o.FromUtc) throw new InputException($"--from {Fmt.Utc(o.FromUtc)} is after --to {Fmt.Utc(o.ToUtc)}; expected from <= to");
        var format = OutputFormats.Of(o.OutPath);
        GridModels.CheckFolder(o.ModelDir);
        var offset = GridModels.NetworkOffset(o.ModelDir, o.StorePath, o.Ks);
        var hours = (int)(o.ToUtc - o.FromUtc).TotalHours + 1;
        var days = OutputSteps.LocalDays(o.FromUtc, hours, offset, PartialDays.Keep);
        var firstCut = days.Count > 1 ? days[1].FirstHour : 0;
        var plan = ShardPlan.Create(hours, o.Grid.NLat, shards, sliceTime: !o.Daily, firstCut: firstCut, cutEvery: 24);
        var parts = ShardRunner.Parts(plan, o.FromUtc, folder.Extension);
        var engine = format == OutputFormat.Zarr ? ", engine='zarr'" : "";
        var open = $"xr.open_mfdataset(['{folder.Dir}/' + p['file'] for p in json.load(open('{folder.ManifestPath}'))['parts']], combine='by_coords', data_vars='minimal', coords='minimal', compat='override'{engine})";
        return new ShardManifest("reanalyze", (o with { CommandLine = null, CreatedUtc = null }).RebuiltCommandLine(), shards, folder.Extension,
            "rows", parts, open);
    }
}
