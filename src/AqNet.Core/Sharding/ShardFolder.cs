using System.Security.Cryptography;
using System.Text.Json;
using AqNet.Core.Data;

namespace AqNet.Core.Sharding;

/// <summary>Where a sharded job writes: --out NAME.nc (or .zarr) → the folder NAME.shards beside it, holding
/// manifest.json, one part file per unit (part-tSSSS-gGGGG.nc) and done/shard-IIII-of-NNNN.json per finished shard.
/// Shards never write the same file except the manifest, whose content they agree on, so they need no locks.</summary>
public sealed class ShardFolder(string outPath)
{
    public string OutPath { get; } = outPath;
    public string Dir { get; } = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath.TrimEnd('/', '\\')))!,
        Path.GetFileNameWithoutExtension(outPath.TrimEnd('/', '\\')) + ".shards");
    public string Extension { get; } = Path.GetExtension(outPath.TrimEnd('/', '\\'));
    public string ManifestPath => Path.Combine(Dir, "manifest.json");

    public string PartPath(string file) => Path.Combine(Dir, file);
    public string MarkerPath(int shard, int shards) => Path.Combine(Dir, "done", $"shard-{shard:D4}-of-{shards:D4}.json");

    /// <summary>Writes the manifest unless one exists; returns the one in the folder (with its creation time). A
    /// manifest of another job or plan is refused: the folder belongs to that job.</summary>
    public ShardManifest EnsureManifest(ShardManifest wanted)
    {
        Directory.CreateDirectory(Path.Combine(Dir, "done"));
        if (!File.Exists(ManifestPath))
        {
            // create-if-absent: the first shard's manifest wins
            AtomicFile.WriteIfAbsent(ManifestPath, JsonSerializer.SerializeToUtf8Bytes(wanted with { CreatedUtc = Hour(DateTime.UtcNow) }, ShardManifest.Json));
        }
        var found = ReadManifest();
        if (!found.SameJob(wanted))
            throw new InputException($"{Dir} holds the shards of another job or plan ({found.Job}, {found.Shards} shards: {found.Command}); " +
                                     $"expected {wanted.Job}, {wanted.Shards} shards: {wanted.Command}. Remove the folder or choose another --out");
        return found;
    }

    public ShardManifest ReadManifest()
    {
        try
        {
            return JsonSerializer.Deserialize<ShardManifest>(File.ReadAllBytes(ManifestPath), ShardManifest.Json)
                   ?? throw new InputException($"{ManifestPath} is empty; expected the manifest a sharded run writes");
        }
        catch (JsonException e) { throw new InputException($"{ManifestPath} is not a shard manifest: {e.Message}"); }
        catch (FileNotFoundException) { throw new InputException($"{ManifestPath} does not exist; expected the folder a sharded run of --out {OutPath} writes"); }
        catch (DirectoryNotFoundException) { throw new InputException($"{ManifestPath} does not exist; expected the folder a sharded run of --out {OutPath} writes"); }
    }

    public ShardMarker? ReadMarker(int shard, int shards)
    {
        var path = MarkerPath(shard, shards);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<ShardMarker>(File.ReadAllBytes(path), ShardManifest.Json); }
        catch (JsonException) { return null; }
    }

    public void WriteMarker(ShardMarker marker) =>
        AtomicFile.WriteAllBytes(MarkerPath(marker.Shard, marker.Shards), JsonSerializer.SerializeToUtf8Bytes(marker, ShardManifest.Json), "shard marker");

    /// <summary>Size and SHA-256 of a part: a file, or a folder (Zarr) as its files in ordinal order of their paths.</summary>
    public ShardMarkerPart Describe(string file)
    {
        var path = PartPath(file);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [path];
        var buf = new byte[1 << 20];
        foreach (var f in files)
        {
            if (Directory.Exists(path)) sha.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(path, f) + "\0"));
            using var fs = File.OpenRead(f);
            int n;
            while ((n = fs.Read(buf)) > 0) { sha.AppendData(buf, 0, n); bytes += n; }
        }
        return new ShardMarkerPart(file, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public bool PartExists(string file) => File.Exists(PartPath(file)) || Directory.Exists(PartPath(file));

    private static DateTime Hour(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc);
}
