using System.Text;
using AqNet.Torch.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Everything needed to continue a run after its last complete epoch: the checkpoint header, counters,
/// history and torch's RNG state (JSON), then the current weights, the AdamW state (moments and step counts) and
/// the best weights so far. The shuffling needs no state (each epoch's order is derived from seed and epoch), nor
/// does the schedule (the learning rate is a function of the epoch).</summary>
internal sealed record ResumeHeader
{
    public required CheckpointInfo Checkpoint { get; init; }
    public required int NextEpoch { get; init; }
    public required int BestEpoch { get; init; }
    public required double BestLoss { get; init; }
    public required int BadEpochs { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }
    public required string TorchRng { get; init; }
    /// <summary>Steps folded into the weight average (its warm-up depends on it).</summary>
    public long AverageSteps { get; init; }
}

internal static class ResumeState
{
    public const string FileName = "resume.ckpt";
    private static readonly byte[] Magic = "AQNETRS3"u8.ToArray();   // 3: with the checksum trailer

    public static void Save(string path, ResumeHeader header, ForecastModel model, AdamW optimizer, byte[]? bestWeights, byte[]? averagedWeights)
    {
        Checkpoint.WriteChecksummed(path, w =>
        {
            Checkpoint.WriteHeader(w, Magic, header);
            model.save(w);
            using var ms = new MemoryStream();
            using (var ow = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(ow);
            WriteBlob(w, ms.ToArray());
            WriteBlob(w, bestWeights ?? []);
            WriteBlob(w, averagedWeights ?? []);
        });
    }

    /// <summary>Restores weights, optimizer and RNG; returns the header, the best weights (null if none yet) and the
    /// averaged weights (null if the run kept no average). A damaged file (checksum, header) or one of an older format
    /// is not used: the result is null with the reason, and nothing was restored, so the run can start afresh.
    /// A file of another run (data, model kind, options) is refused with an InputException.</summary>
    public static (ResumeHeader Header, byte[]? BestWeights, byte[]? AveragedWeights)? Load(string path, string kind, string fingerprint,
        ForecastModel model, AdamW optimizer, out string? discarded)
    {
        discarded = null;
        BinaryReader r;
        ResumeHeader header;
        try
        {
            r = Checkpoint.Open(path, Magic);
            header = Checkpoint.ReadHeader<ResumeHeader>(r, path, Magic);
        }
        catch (Core.Data.InputException e)
        {
            discarded = e.Message;
            return null;
        }
        using var reader = r;
        Checkpoint.CheckFingerprint(header.Checkpoint.Fingerprint, fingerprint, path);
        if (header.Checkpoint.Kind != kind)
            throw new Core.Data.InputException($"{path} resumes a '{header.Checkpoint.Kind}' run, not '{kind}'; give each model its own work directory");
        if (!SameShape(header.Checkpoint.Options, model.Options))
            throw new Core.Data.InputException($"{path} holds a model with other options than this run's; delete it or drop --resume");
        model.load(reader);
        using (var or = new BinaryReader(new MemoryStream(ReadBlob(r)))) optimizer.load_state_dict(or);
        var best = ReadBlob(r);
        var averaged = ReadBlob(r);
        using var rng = tensor(Convert.FromBase64String(header.TorchRng), ScalarType.Byte);
        set_rng_state(rng);
        return (header, best.Length == 0 ? null : best, averaged.Length == 0 ? null : averaged);
    }

    public static string TorchRngBase64()
    {
        using var state = get_rng_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    private static bool SameShape(AqNetOptions a, AqNetOptions b) =>
        a with { FeatureIndices = null } == b with { FeatureIndices = null }
        && (a.FeatureIndices ?? []).SequenceEqual(b.FeatureIndices ?? []);

    private static void WriteBlob(BinaryWriter w, byte[] blob)
    {
        w.Write(blob.Length);
        w.Write(blob);
    }

    private static byte[] ReadBlob(BinaryReader r)
    {
        var n = r.ReadInt32();
        var blob = r.ReadBytes(n);
        if (blob.Length != n) throw new EndOfStreamException("resume state ends inside a block");
        return blob;
    }
}
