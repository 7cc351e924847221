using AqNet.Core.Data;

namespace AqNet.Core.Sharding;

/// <summary>Runs one shard of a planned job: writes (or checks) the manifest, computes each of the shard's units whose
/// part file is not there yet (a part appears only complete, by rename, so a killed run resumes at its first missing
/// part), then writes the shard's marker last. A shard whose marker is there is skipped.</summary>
public static class ShardRunner
{
    /// <summary><paramref name="runUnit"/> writes the unit's part at the path it is given, with the manifest's
    /// creation time in its metadata.</summary>
    public static string Run(ShardFolder folder, ShardManifest manifest, ShardIndex shard,
        Action<ShardPartInfo, string, DateTime> runUnit, IProgress<string>? progress, CancellationToken ct)
    {
        if (shard.Count != manifest.Shards) throw new ArgumentException("the manifest is for another shard count", nameof(shard));
        var m = folder.EnsureManifest(manifest);
        var mine = m.Parts.Where(p => p.Shard == shard.Index).ToList();
        if (folder.ReadMarker(shard.Index, shard.Count) is { } done && done.Parts.Select(p => p.File).SequenceEqual(mine.Select(p => p.File))
            && done.Parts.All(p => folder.PartExists(p.File)))
            return $"shard {shard} of {folder.Dir} is already complete ({mine.Count} part{(mine.Count == 1 ? "" : "s")}); skipped\n";
        var (ran, kept) = (0, 0);
        foreach (var part in mine)
        {
            ct.ThrowIfCancellationRequested();
            if (folder.PartExists(part.File)) { kept++; continue; }
            progress?.Report($"shard {shard}: {part.File} ({part.FromUtc} .. {part.ToUtc} UTC, {m.Items} {part.FirstItem} .. {part.FirstItem + part.Items - 1})");
            runUnit(part, folder.PartPath(part.File), m.CreatedUtc);
            if (!folder.PartExists(part.File)) throw new InvalidOperationException($"the unit did not write {part.File}");
            ran++;
        }
        folder.WriteMarker(new ShardMarker(shard.Index, shard.Count, [.. mine.Select(p => folder.Describe(p.File))]));
        return $"shard {shard}: {ran} part{(ran == 1 ? "" : "s")} written" + (kept > 0 ? $", {kept} already there" : "") +
               $" in {folder.Dir}\n" + (mine.Count == 0 ? "(this shard has no work: the plan has fewer units than shards)\n" : "");
    }

    /// <summary>The manifest's parts of a plan: unit u of slice s covers hours [from + s.Start, from + s.End).</summary>
    public static List<ShardPartInfo> Parts(ShardPlan plan, DateTime fromUtc, string extension) =>
    [
        .. plan.Units.Select(u => new ShardPartInfo(u.Name + extension, u.Shard, u.Slice, u.Group,
            Fmt.Utc(fromUtc.AddHours(u.Hours.Start)), Fmt.Utc(fromUtc.AddHours(u.Hours.End - 1)), u.Items.Start, u.Items.Count)),
    ];
}
