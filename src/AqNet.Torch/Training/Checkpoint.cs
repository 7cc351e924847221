using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Torch.Nn;

namespace AqNet.Torch.Training;

/// <summary>Single-file checkpoints: "AQNETCK2", an int32 length and a UTF-8 JSON header (<see cref="CheckpointInfo"/>),
/// then the weights in TorchSharp's module format, then a SHA-256 of everything before it. Written atomically, so a
/// crash never leaves a torn file; the checksum is verified before anything is read, so a file damaged or changed
/// afterwards is refused instead of giving other numbers. Files of the first format ("AQNETCK1", no checksum) are read.</summary>
public static class Checkpoint
{
    private static readonly byte[] Magic = "AQNETCK2"u8.ToArray();
    private static readonly byte[] UnverifiedMagic = "AQNETCK1"u8.ToArray();

    public static void Save(string path, ForecastModel model, CheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        WriteChecksummed(path, w =>
        {
            WriteHeader(w, Magic, info);
            model.save(w);
        });
    }

    /// <summary>The header only (cheap: no weights are read).</summary>
    public static CheckpointInfo ReadInfo(string path)
    {
        using var r = Open(path, Magic);
        return ReadHeader<CheckpointInfo>(r, path, Magic, UnverifiedMagic);
    }

    /// <summary>Rebuilds the model in eval mode, with the kind its stored name stands for. A non-null expectedFingerprint
    /// that differs from the checkpoint's throws an InputException naming both.</summary>
    public static (ForecastModel Model, CheckpointInfo Info, TemporalModelKind Kind) Load(string path, string? expectedFingerprint)
    {
        using var r = Open(path, Magic);
        var info = ReadHeader<CheckpointInfo>(r, path, Magic, UnverifiedMagic);
        CheckFingerprint(info.Fingerprint, expectedFingerprint, path);
        if (!ModelFactory.TryParse(info.Kind, out var kind))
            throw new InputException($"{path}: the checkpoint holds a '{info.Kind}' model, which this AqNet does not build (it builds {ModelFactory.KindNames})");
        var model = ModelFactory.Create(kind, info.Options);
        try
        {
            model.load(r);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidOperationException)
        {
            model.Dispose();
            throw new InputException($"{path}: the weights do not match a '{info.Kind}' model with the stored options ({e.Message})", e);
        }
        model.eval();
        return (model, info, kind);
    }

    public static void CheckFingerprint(string actual, string? expected, string path)
    {
        if (expected is not null && !string.Equals(actual, expected, StringComparison.Ordinal))
            throw new InputException($"{path} was trained on other data: checkpoint fingerprint {actual}, current data fingerprint {expected}");
    }

    /// <summary>"AQSHA256" and the SHA-256 of every byte before it, at the end of a checksummed file.</summary>
    private static readonly byte[] TrailerMagic = "AQSHA256"u8.ToArray();
    private const int TrailerLength = 8 + 32;

    /// <summary>Writes a file atomically with the checksum trailer.</summary>
    internal static void WriteChecksummed(string path, Action<BinaryWriter> write) => Core.Data.AtomicFile.Write(path, s =>
    {
        using var hashing = new HashingStream(s);
        using (var w = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true)) write(w);
        s.Write(TrailerMagic);
        s.Write(hashing.Hash());
    });

    /// <summary>The file's content for reading. A file starting with <paramref name="checksummedMagic"/> must end with
    /// a matching checksum trailer (verified here, before anything is parsed); other files are returned as they are
    /// and their header magic is checked by <see cref="ReadHeader{T}"/>.</summary>
    internal static BinaryReader Open(string path, byte[] checksummedMagic)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path)) throw new InputException($"{path} is a folder; expected a checkpoint file");
        if (!File.Exists(path)) throw new InputException($"checkpoint not found: {path}");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"cannot read checkpoint {path}: {e.Message}", e); }
        if (!bytes.AsSpan().StartsWith(checksummedMagic)) return new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        var content = bytes.Length - TrailerLength;
        if (content < checksummedMagic.Length || !bytes.AsSpan(content, 8).SequenceEqual(TrailerMagic)
            || !System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, content)).AsSpan().SequenceEqual(bytes.AsSpan(content + 8)))
            throw new InputException($"{path} is damaged: its SHA-256 checksum does not match its content (truncated, or changed after it was written); expected the file as AqNet wrote it");
        return new BinaryReader(new MemoryStream(bytes, 0, content, writable: false), Encoding.UTF8);
    }

    internal static void WriteHeader<T>(BinaryWriter w, byte[] magic, T header)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointInfo.Json);
        w.Write(magic);
        w.Write(json.Length);
        w.Write(json);
    }

    /// <param name="magics">Accepted header magics, all of the same length; the first is the current one.</param>
    internal static T ReadHeader<T>(BinaryReader r, string path, params byte[][] magics)
    {
        try
        {
            var head = r.ReadBytes(magics[0].Length);
            if (!magics.Any(m => head.AsSpan().SequenceEqual(m)))
                throw new InputException($"{path} is not an AqNet checkpoint of this kind (expected header {Encoding.ASCII.GetString(magics[0])})");
            var length = r.ReadInt32();
            if (length <= 0 || length > 64 << 20) throw new InputException($"{path}: implausible header length {length}");
            return JsonSerializer.Deserialize<T>(r.ReadBytes(length), CheckpointInfo.Json)
                ?? throw new InputException($"{path}: empty checkpoint header");
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw new InputException($"{path}: truncated or corrupt checkpoint header ({e.Message})", e);
        }
    }
}
