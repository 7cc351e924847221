using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Torch.Nn;

namespace AqNet.Torch.Training;

/// <summary>Single-file checkpoints: "AQNETCK1", an int32 length and a UTF-8 JSON header (<see cref="CheckpointInfo"/>),
/// then the weights in TorchSharp's module format. Written atomically, so a crash never leaves a torn file.</summary>
public static class Checkpoint
{
    private static readonly byte[] Magic = "AQNETCK1"u8.ToArray();

    public static void Save(string path, ForecastModel model, CheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        AtomicFile.Write(path, s =>
        {
            using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
            WriteHeader(w, Magic, info);
            model.save(w);
        });
    }

    /// <summary>The header only (cheap: no weights are read).</summary>
    public static CheckpointInfo ReadInfo(string path)
    {
        using var r = Open(path);
        return ReadHeader<CheckpointInfo>(r, Magic, path);
    }

    /// <summary>Rebuilds the model in eval mode. A non-null expectedFingerprint that differs from the checkpoint's
    /// throws an InputException naming both.</summary>
    public static (ForecastModel Model, CheckpointInfo Info) Load(string path, string? expectedFingerprint)
    {
        using var r = Open(path);
        var info = ReadHeader<CheckpointInfo>(r, Magic, path);
        CheckFingerprint(info.Fingerprint, expectedFingerprint, path);
        var model = ModelFactory.Create(info.Kind, info.Options);
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
        return (model, info);
    }

    public static void CheckFingerprint(string actual, string? expected, string path)
    {
        if (expected is not null && !string.Equals(actual, expected, StringComparison.Ordinal))
            throw new InputException($"{path} was trained on other data: checkpoint fingerprint {actual}, current data fingerprint {expected}");
    }

    internal static BinaryReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new InputException($"checkpoint not found: {path}");
        return new BinaryReader(File.OpenRead(path), Encoding.UTF8);
    }

    internal static void WriteHeader<T>(BinaryWriter w, byte[] magic, T header)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointInfo.Json);
        w.Write(magic);
        w.Write(json.Length);
        w.Write(json);
    }

    internal static T ReadHeader<T>(BinaryReader r, byte[] magic, string path)
    {
        try
        {
            if (!r.ReadBytes(magic.Length).AsSpan().SequenceEqual(magic))
                throw new InputException($"{path} is not an AqNet checkpoint of this kind (expected header {Encoding.ASCII.GetString(magic)})");
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
