using System.Text;
using AqNet.Core.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Which run a resume file belongs to: model kind, shape (options as JSON), data fingerprint and seed.</summary>
internal sealed record ResumeIdentity(string Kind, string Shape, string Fingerprint, int Seed);

/// <summary>Everything needed to continue a run after its last complete epoch: identity, counters, history, torch's
/// RNG state and the position of the batch generator (JSON), then the current weights, the AdamW state (moments and
/// step counts), the best weights so far and the averaged weights. The schedule needs no state (the learning rate is
/// a function of the epoch), nor do the forecasters' shuffles (each epoch's order is derived from seed and epoch).</summary>
internal sealed record ResumeHeader
{
    public required ResumeIdentity Identity { get; init; }
    public required int NextEpoch { get; init; }
    public required int BestEpoch { get; init; }
    public required double BestLoss { get; init; }
    public required int BadEpochs { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }
    public required string TorchRng { get; init; }
    /// <summary>Draws taken from the engine's batch generator (<see cref="CountingRandom"/>).</summary>
    public long RandomDraws { get; init; }
    /// <summary>Steps folded into the weight average (its warm-up depends on it).</summary>
    public long AverageSteps { get; init; }
    public string? CreatedUtc { get; init; }
}

internal static class ResumeState
{
    public const string FileName = "resume.ckpt";
    private static readonly byte[] Magic = "AQNETRS4"u8.ToArray();   // 4: one engine for every model

    public static void Save(string path, ResumeHeader header, nn.Module model, AdamW optimizer, byte[]? bestWeights, byte[]? averagedWeights)
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

    /// <summary>Restores weights, optimizer and torch's RNG; returns the header, the best weights (null if none yet) and
    /// the averaged weights (null if the run kept no average). A damaged file (checksum, header) or one of an older
    /// format is not used: the result is null with the reason, and nothing was restored, so the run can start afresh.
    /// A file of another run (data, model kind, options, seed) is refused with an InputException.</summary>
    public static (ResumeHeader Header, byte[]? BestWeights, byte[]? AveragedWeights)? Load(string path, ResumeIdentity expected,
        nn.Module model, AdamW optimizer, out string? discarded)
    {
        discarded = null;
        BinaryReader r;
        ResumeHeader header;
        try
        {
            r = Checkpoint.Open(path, Magic);
            header = Checkpoint.ReadHeader<ResumeHeader>(r, path, Magic);
        }
        catch (InputException e)
        {
            discarded = e.Message;
            return null;
        }
        using var reader = r;
        var found = header.Identity;
        Checkpoint.CheckFingerprint(found.Fingerprint, expected.Fingerprint, path);
        if (found.Kind != expected.Kind)
            throw new InputException($"{path} resumes a '{found.Kind}' run, not '{expected.Kind}'; give each model its own work directory");
        if (found.Shape != expected.Shape)
            throw new InputException($"{path} holds a model with other options than this run's; delete it or drop --resume");
        if (found.Seed != expected.Seed)
            throw new InputException($"{path} resumes a run with seed {found.Seed.ToString(Fmt.Inv)}, not {expected.Seed.ToString(Fmt.Inv)}; use the same seed or delete it");
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
