using TorchSharp;
using AqNet.Torch.Runtime;
using System.Diagnostics;
using AqNet.Core.Data;
using AqNet.Core.Splitting;
using AqNet.Torch.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Spatial;

/// <summary>AdamW on the masked MSE (scaled units) of pseudo-hidden visible stations; early stopping on the validation
/// hours, the best weights are restored at the end. Sees only the visible stations it is given.</summary>
internal static class NeuralKnnTrainer
{
    public static IReadOnlyList<KnnEpoch> Fit(NeuralKnnModel model, StationFeatures feats, NeighbourGeometry geometry,
        IReadOnlyList<string> ids, HourRange train, HourRange validation, NeuralKnnTrainOptions t, IProgress<string>? progress, CancellationToken ct,
        IReadOnlyList<Core.Spatial.GeoPoint>? points = null)
    {
        var o = model.Options;
        var ks = EffectiveKs(o.Ks, geometry.K);
        var trainHours = Anchors(train, o);
        var valHours = Anchors(validation, o);
        if (trainHours.Length == 0) throw new InputException($"the training hours {train} are too short for a {o.Window} h window and horizon {o.Horizons.Max()} h");
        if (valHours.Length > t.ValidationHours)
            valHours = Enumerable.Range(0, t.ValidationHours).Select(i => valHours[(int)((long)i * valHours.Length / t.ValidationHours)]).ToArray();
        using var batches = new KnnTrainingBatches(model, feats, geometry, points);
        var parameters = model.parameters().ToArray();
        using var optimizer = optim.AdamW(parameters, t.LearningRate, weight_decay: t.WeightDecay);
        using var average = t.AverageDecay > 0 ? new WeightAverage(parameters, t.AverageDecay) : null;
        var rng = new Random(t.Seed);
        var history = new List<KnnEpoch>();
        using var best = new BestWeights(parameters);
        var bad = 0;
        for (var epoch = 1; epoch <= t.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            double sum = 0;
            for (var step = 0; step < t.StepsPerEpoch; step++)
            {
                ct.ThrowIfCancellationRequested();
                var hours = Enumerable.Range(0, t.BatchHours).Select(_ => trainHours[rng.Next(trainHours.Length)]).ToArray();
                var k = ks[rng.Next(ks.Length)];
                t.OnBatch?.Invoke(new KnnBatchInfo(hours, ids, ids, batches.NeighbourStations(k).Distinct().Order().Select(i => ids[i]).ToArray(), k));
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var (pred, y, m) = batches.Run(hours, k, t.NeighbourDropout, rng);
                var loss = t.Loss == KnnLoss.Mse ? MaskedLoss.Mse(pred, y, m) : MaskedMae(pred, y, m);
                loss.backward();
                if (t.ClipNorm > 0) nn.utils.clip_grad_norm_(parameters, t.ClipNorm);
                optimizer.step();
                average?.Update();
                sum += loss.item<float>();
            }
            average?.Swap();   // validate and keep the averaged weights; train on from the iterate
            var val = valHours.Length > 0 ? Validate(model, batches, valHours, ks, t.Loss) : sum / t.StepsPerEpoch;
            history.Add(new KnnEpoch(epoch, sum / t.StepsPerEpoch, val, clock.Elapsed.TotalSeconds));
            progress?.Report($"aqnet-knn epoch {epoch.ToString(Fmt.Inv)}: train {Fmt.F(sum / t.StepsPerEpoch, 4)}, val {Fmt.F(val, 4)} ({(t.Loss == KnnLoss.Mse ? "MSE" : "MAE")}, scaled), {Fmt.F(clock.Elapsed.TotalSeconds, 1)} s");
            if (best.Offer(val)) bad = 0;
            else if (t.Patience > 0 && ++bad >= t.Patience) break;
            average?.Swap();
        }
        best.Restore();
        model.eval();
        return history;
    }

    /// <summary>The training loss (masked MSE or MAE) of the estimate averaged over the k values, as at inference.</summary>
    private static double Validate(NeuralKnnModel model, KnnTrainingBatches batches, int[] hours, int[] ks, KnnLoss lossKind)
    {
        model.eval();
        using var noGrad = no_grad();
        double sq = 0, n = 0;
        for (var start = 0; start < hours.Length; start += 64)
        {
            using var scope = NewDisposeScope();
            var chunk = hours[start..Math.Min(hours.Length, start + 64)];
            var (preds, y, m) = batches.Run(chunk, ks);
            using var count = ((float)ks.Length).ToScalar();   // held alive: see Runtime.Scalars
            var mean = preds.Aggregate((x1, x2) => x1.add(x2, Scalars.One)).div(count);
            var (s, c) = lossKind == KnnLoss.Mse ? MaskedLoss.SquaredErrorSum(mean, y, m) : MaskedLoss.AbsErrorSum(mean, y, m);
            sq += s; n += c;
        }
        model.train();
        return n > 0 ? sq / n : double.NaN;
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
