using System.Text.Json;
using System.Text.Json.Serialization;

namespace AqNet.Core.Sharding;

/// <summary>A part file of a sharded output: which shard writes it and what it covers (UTC hours, inclusive; grid rows
/// or stations).</summary>
public sealed record ShardPartInfo(string File, int Shard, int Slice, int Group, string FromUtc, string ToUtc, int FirstItem, int Items);

/// <summary>OUT.shards/manifest.json: the job, its plan and its part files. Every shard computes the same manifest
/// and the first to finish writing it wins (create-if-absent), so the manifest, and the creation time that goes into
/// every part's metadata, are the same for all shards and reruns. <see cref="Open"/> is the xarray call that opens the
/// parts as one dataset.</summary>
public sealed record ShardManifest(string Job, string Command, int Shards, string Format, string Items,
    IReadOnlyList<ShardPartInfo> Parts, string Open)
{
    public DateTime CreatedUtc { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True when the two describe the same job and plan (the creation time aside).</summary>
    public bool SameJob(ShardManifest other) =>
        Job == other.Job && Command == other.Command && Shards == other.Shards && Format == other.Format && Items == other.Items
        && Parts.SequenceEqual(other.Parts);
}

/// <summary>OUT.shards/done/shard-I-of-N.json, written last and atomically by a shard: its part files with their sizes
/// and SHA-256. A shard with this marker is complete and skipped on a rerun.</summary>
public sealed record ShardMarker(int Shard, int Shards, IReadOnlyList<ShardMarkerPart> Parts);

public sealed record ShardMarkerPart(string File, long Bytes, string Sha256);

