using System.Text;

namespace AqNet.Core.Sharding;

/// <summary>The state of one shard of a sharded output.</summary>
public enum ShardState { Complete, Missing, Partial }

/// <summary>What `aqnet shards verify` found: each shard's state and why.</summary>
public sealed record ShardVerifyResult(ShardManifest Manifest, IReadOnlyList<(int Shard, ShardState State, string Why)> Shards)
{
    public bool Complete => Shards.All(s => s.State == ShardState.Complete);

    public string Text(string dir)
    {
        var sb = new StringBuilder();
        var n = Shards.Count(s => s.State == ShardState.Complete);
        sb.Append($"{dir}: {Manifest.Job}, {Manifest.Shards} shards, {Manifest.Parts.Count} parts; {n} complete");
        foreach (var st in new[] { ShardState.Partial, ShardState.Missing })
            if (Shards.Count(s => s.State == st) is var c and > 0) sb.Append($", {c} {st.ToString().ToLowerInvariant()}");
        sb.Append('\n');
        foreach (var s in Shards.Where(s => s.State != ShardState.Complete))
            sb.Append($"  shard {s.Shard}/{Manifest.Shards}: {s.State.ToString().ToLowerInvariant()}: {s.Why}\n");
        if (Complete) sb.Append($"open with: {Manifest.Open}\n");
        return sb.ToString();
    }
}

/// <summary>Checks a sharded output against its manifest: a shard is complete when its marker is there and each of its
/// parts exists with the marker's size (and, with <c>checksums</c>, its SHA-256); partial when some of its parts or
/// temporaries are there without a valid marker; missing when nothing of it is.</summary>
public static class ShardVerify
{
    public static ShardVerifyResult Run(string outPath, bool checksums)
    {
        var folder = new ShardFolder(outPath);
        var m = folder.ReadManifest();
        var states = new List<(int, ShardState, string)>();
        for (var i = 0; i < m.Shards; i++)
        {
            var mine = m.Parts.Where(p => p.Shard == i).Select(p => p.File).ToList();
            var present = mine.Where(folder.PartExists).ToList();
            var temps = mine.Any(f => Directory.EnumerateFileSystemEntries(folder.Dir, f + ".tmp-*").Any());
            var marker = folder.ReadMarker(i, m.Shards);
            if (marker is null)
            {
                states.Add(present.Count == 0 && !temps
                    ? (i, ShardState.Missing, $"no marker and none of its {mine.Count} parts")
                    : (i, ShardState.Partial, $"no marker; {present.Count} of {mine.Count} parts written" + (temps ? ", a part being written (or left by a killed run)" : "")));
                continue;
            }
            var bad = marker.Parts.Select(p => Check(folder, p, checksums)).FirstOrDefault(w => w is not null);
            if (!marker.Parts.Select(p => p.File).SequenceEqual(mine)) bad ??= "its marker lists other parts than the manifest";
            states.Add(bad is null ? (i, ShardState.Complete, "") : (i, ShardState.Partial, bad));
        }
        return new ShardVerifyResult(m, states);
    }

    private static string? Check(ShardFolder folder, ShardMarkerPart p, bool checksums)
    {
        if (!folder.PartExists(p.File)) return $"{p.File} is missing";
        if (!checksums)
        {
            var path = folder.PartPath(p.File);
            var bytes = File.Exists(path) ? new FileInfo(path).Length
                : Directory.GetFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            return bytes == p.Bytes ? null : $"{p.File} has {bytes} bytes, its marker says {p.Bytes}";
        }
        var now = folder.Describe(p.File);
        return now.Sha256 == p.Sha256 && now.Bytes == p.Bytes ? null : $"{p.File} differs from its marker's SHA-256 (changed or damaged)";
    }
}
