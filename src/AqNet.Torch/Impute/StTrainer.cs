using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AqNet.Core.Data;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Impute;

/// <summary>aqnet-st's part of training (<see cref="TrainingEngine"/> does the rest): batches of random (station,
/// window) samples from the training hours with observed values hidden as real networks lose them, the pinball loss of
/// the hidden observations (scaled), and the validation points' MAE in µg/m³ after every epoch.</summary>
internal sealed class StTrainer(StModel model, StGraph graph, bool[] input, int[] starts, int[] targets, StTrainOptions o,
    Func<double> validate, string fingerprint) : ITrainingTask<StBatch>, IDisposable
{
    private readonly StBatch batch = new(o.BatchSize, model.Options.Neighbours + 1, model.Options.Window, graph.C);
    private readonly Tensor quantiles = tensor(StOptions.Quantiles);

    public string Kind => "aqnet-st";
    public string Label => "aqnet-st ";
    public string Shape => System.Text.Json.JsonSerializer.Serialize(model.Options, CheckpointInfo.Json);
    public string Fingerprint => fingerprint;
    public bool LossPerSample => false;

    public int BeginEpoch(int epoch) => o.StepsPerEpoch;

    public StBatch NextTrainBatch(int epoch, int step, Random rng)
    {
        var (n, w) = (batch.N, batch.W);
        var cells = o.OnBatch is null ? null : new List<(int, int)>();
        for (var b = 0; b < o.BatchSize; b++)
        {
            var s = targets[rng.Next(targets.Length)];
            // Half the samples copy the network's real gaps from another training window, half get synthetic ones.
            var hide = rng.NextDouble() < o.RealPatternShare ? StMasking.Real(graph, input, s, starts[rng.Next(starts.Length)], n, w) : StMasking.Draw(n, w, rng);
            StFeatures.Fill(graph, input, batch, b, s, starts[rng.Next(starts.Length)], hide, cells);
        }
        if (cells is not null) o.OnBatch!(new StBatchInfo(cells));
        return batch;
    }

    public (Tensor Loss, int Samples) ForwardLoss(StBatch b, Random rng)
    {
        var (x, t, present, y, m) = StTensors.Of(b, o.BatchSize);
        return (StTensors.Pinball(model.forward(x, t, present), y, m, quantiles), o.BatchSize);
    }

    public ValidationScore? Validate()
    {
        var mae = validate();
        return new ValidationScore(mae, mae);
    }

    public void Dispose() => quantiles.Dispose();

    /// <summary>Trains the model through the engine; the best averaged weights (by validation MAE) are in it afterwards.
    /// With <see cref="StTrainOptions.WorkDir"/>, epochs.csv and resume.ckpt are written there after every epoch, and
    /// with <see cref="StTrainOptions.Resume"/> an interrupted run continues from resume.ckpt.</summary>
    public static IReadOnlyList<EpochRecord> Fit(StModel model, StGraph graph, bool[] input, int[] starts, int[] targets,
        StTrainOptions o, Func<double> validate, IProgress<string>? progress, CancellationToken ct)
    {
        if (starts.Length == 0) throw new InputException($"the training hours hold no complete {model.Options.Window} h window; expected a longer training part");
        if (targets.Length == 0) throw new InputException("no located station to train on");
        using var engine = new TrainingEngine(model, o.Engine());
        using var task = new StTrainer(model, graph, input, starts, targets, o, validate, FingerprintOf(graph, input, starts, targets));
        return engine.Fit(task, o.Seed, o.WorkDir, progress, ct).History;
    }

    /// <summary>The training data's identity: values, training cells, scaler, neighbours, kriging base, windows, targets.</summary>
    private static string FingerprintOf(StGraph g, bool[] input, int[] starts, int[] targets)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(MemoryMarshal.AsBytes(g.Values.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(input.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(new[] { g.Mean, g.Std }.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(g.Nodes.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(g.Kriging.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(starts.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(targets.AsSpan()));
        return "sha256:" + Convert.ToHexStringLower(h.GetHashAndReset())[..24];
    }
}
