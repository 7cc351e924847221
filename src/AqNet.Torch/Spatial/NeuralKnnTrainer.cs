using TorchSharp;
using AqNet.Core.Data;
using AqNet.Core.Splitting;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Spatial;

/// <summary>The neural kNN's part of training (<see cref="TrainingEngine"/> does the rest): batches of random training
/// hours with a random k, every visible station a pseudo-hidden target; the masked MSE or MAE (scaled units); validation
/// on the estimate averaged over the k values, as at inference. Sees only the visible stations it is given.</summary>
internal sealed class NeuralKnnTrainer(NeuralKnnModel model, KnnTrainingBatches batches, int[] trainHours, int[] valHours, int[] ks,
    IReadOnlyList<string> ids, NeuralKnnTrainOptions t, string fingerprint) : ITrainingTask<NeuralKnnTrainer.Batch>
{
    /// <summary>One batch: issue hours (visible panel indices) and the number of neighbours.</summary>
    internal sealed record Batch(int[] Hours, int K);

    public string Kind => "aqnet-knn";
    public string Label => "aqnet-knn ";
    public string Shape => System.Text.Json.JsonSerializer.Serialize(model.Options, CheckpointInfo.Json);
    public string Fingerprint => fingerprint;
    public bool LossPerSample => false;

    public int BeginEpoch(int epoch) => t.StepsPerEpoch;

    public Batch NextTrainBatch(int epoch, int step, Random rng)
    {
        var hours = Enumerable.Range(0, t.BatchHours).Select(_ => trainHours[rng.Next(trainHours.Length)]).ToArray();
        var k = ks[rng.Next(ks.Length)];
        t.OnBatch?.Invoke(new KnnBatchInfo(hours, ids, ids, batches.NeighbourStations(k).Distinct().Order().Select(i => ids[i]).ToArray(), k));
        return new Batch(hours, k);
    }

    public (Tensor Loss, int Samples) ForwardLoss(Batch batch, Random rng)
    {
        var (pred, y, m) = batches.Run(batch.Hours, batch.K, t.NeighbourDropout, rng);
        return (t.Loss == KnnLoss.Mse ? MaskedLoss.Mse(pred, y, m) : MaskedMae(pred, y, m), (int)pred.shape[0]);
    }

    /// <summary>The training loss (masked MSE or MAE) of the estimate averaged over the k values, as at inference.</summary>
    public ValidationScore? Validate()
    {
        if (valHours.Length == 0) return null;
        using var noGrad = no_grad();
        double sq = 0, n = 0;
        for (var start = 0; start < valHours.Length; start += 64)
        {
            using var scope = NewDisposeScope();
            var chunk = valHours[start..Math.Min(valHours.Length, start + 64)];
            var (preds, y, m) = batches.Run(chunk, ks);
            using var count = ((float)ks.Length).ToScalar();   // held alive: see Runtime.Scalars
            var mean = preds.Aggregate((x1, x2) => x1.add(x2, Scalars.One)).div(count);
            var (s, c) = t.Loss == KnnLoss.Mse ? MaskedLoss.SquaredErrorSum(mean, y, m) : MaskedLoss.AbsErrorSum(mean, y, m);
            sq += s; n += c;
        }
        return new ValidationScore(n > 0 ? sq / n : double.NaN, double.NaN);
    }

    /// <summary>Trains the model through the engine; the best weights (by validation loss) are in it afterwards.</summary>
    public static IReadOnlyList<EpochRecord> Fit(NeuralKnnModel model, StationFeatures feats, NeighbourGeometry geometry,
        IReadOnlyList<string> ids, HourRange train, HourRange validation, NeuralKnnTrainOptions t, string fingerprint,
        IProgress<string>? progress, CancellationToken ct, IReadOnlyList<Core.Spatial.GeoPoint>? points = null)
    {
        var o = model.Options;
        var ks = EffectiveKs(o.Ks, geometry.K);
        var trainHours = Anchors(train, o);
        var valHours = Anchors(validation, o);
        if (trainHours.Length == 0) throw new InputException($"the training hours {train} are too short for a {o.Window} h window and horizon {o.Horizons.Max()} h");
        if (valHours.Length > t.ValidationHours)
            valHours = Enumerable.Range(0, t.ValidationHours).Select(i => valHours[(int)((long)i * valHours.Length / t.ValidationHours)]).ToArray();
        using var batches = new KnnTrainingBatches(model, feats, geometry, points);
        using var engine = new TrainingEngine(model, t.Engine());
        var task = new NeuralKnnTrainer(model, batches, trainHours, valHours, ks, ids, t, fingerprint);
        return engine.Fit(task, t.Seed, null, progress, ct).History;
    }

    // pred, y, mask: [B, H] → scalar; where() so a value under a 0 mask cannot leak in
    private static Tensor MaskedMae(Tensor pred, Tensor y, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var diff = where(mask.gt(Scalars.Zero), pred.sub(y), zeros_like(pred));
        return ((diff.abs() * mask).sum() / mask.sum().clamp_min(Scalars.One)).MoveToOuterDisposeScope();
    }

    /// <summary>Issue hours t whose window [t − W + 1, t] and every target t + h lie inside the range.</summary>
    internal static int[] Anchors(HourRange r, NeuralKnnOptions o)
    {
        var lo = r.Start + o.Window - 1;
        var hi = r.End - o.Horizons.Max();
        return hi > lo ? Enumerable.Range(lo, hi - lo).ToArray() : [];
    }

    /// <summary>The requested k values capped at the stations available, without duplicates, ascending.</summary>
    internal static int[] EffectiveKs(IEnumerable<int> ks, int available) =>
        ks.Select(k => Math.Min(k, available)).Where(k => k >= 1).Distinct().Order().ToArray();
}
