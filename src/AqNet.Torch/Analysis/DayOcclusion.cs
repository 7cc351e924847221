using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using static TorchSharp.torch;

namespace AqNet.Torch.Analysis;

/// <summary>Fig. 5's association between output days and input days. AQ-Net pools the attended steps into one
/// vector that feeds every output day, so its attention weights are the same whatever the output day; instead
/// each input day is occluded in turn — its 24 input hours made "missing" exactly as the windows encode a gap
/// (every non-"cyc:" feature 0, i.e. the training mean and mask 0; the time encoding is kept) — and the mean
/// |change| of each output day's prediction in µg/m³ is recorded.</summary>
internal static class DayOcclusion
{
    // Windows per forward pass; each goes in 1 + D times (baseline and every masked day), so one pass holds
    // 16·15 = 240 rows for 336 h windows: large enough for the LSTM's per-step matmuls to be efficient.
    private const int BatchSize = 16;

    /// <summary>[H][D] mean |Δŷ| in µg/m³ for output day h when input day d is occluded; d = 0 is the oldest
    /// input day (D = W / 24 days before the forecast), d = D − 1 the day just before it.</summary>
    public static double[][] Run(AqNetModel model, WindowSet set, WindowContext ctx, int[] idx)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(ctx);
        if (set.W % 24 != 0) throw new ArgumentException($"W = {set.W} is not a whole number of days", nameof(set));
        int days = set.W / 24, h = set.H;
        var sum = new double[h * days];
        using var eval = new AttentionSampler.EvalMode(model);
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var masks = stack(Enumerable.Range(0, days).Select(d => DayMask(set, d)).ToArray());   // [D, 1, W, F]
        for (var start = 0; start < idx.Length; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(BatchSize, idx.Length - start);
            var x = AttentionSampler.Batch(set, idx, start, count);                        // [b, W, F]
            var masked = (x.unsqueeze(0) * masks).reshape(days * count, set.W, set.F);     // [D·b, W, F], day-major
            var y = model.forward(cat([x, masked])).view(1 + days, count, h);               // [1 + D, b, H]
            // delta: [D, H], |masked − baseline| summed over the batch
            var delta = y[1..].sub(y[0]).abs_().sum([1]).contiguous();
            var v = delta.data<float>().ToArray();
            for (var d = 0; d < days; d++)
                for (var k = 0; k < h; k++) sum[k * days + d] += v[d * h + k];
        }
        var scale = ctx.TargetStd / Math.Max(1, idx.Length);
        return Enumerable.Range(0, h).Select(k => Enumerable.Range(0, days).Select(d => sum[k * days + d] * scale).ToArray()).ToArray();
    }

    // mask: [1, W, F], 0 on day d's hours for every feature but the cyclic time encoding, 1 elsewhere
    private static Tensor DayMask(WindowSet set, int d)
    {
        var m = new float[set.W * set.F];
        Array.Fill(m, 1f);
        for (var t = d * 24; t < d * 24 + 24; t++)
            for (var f = 0; f < set.F; f++)
                if (!set.FeatureNames[f].StartsWith("cyc:", StringComparison.Ordinal)) m[t * set.F + f] = 0;
        return tensor(m, [1, set.W, set.F]);
    }
}
