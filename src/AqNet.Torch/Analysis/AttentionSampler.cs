using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using static TorchSharp.torch;

namespace AqNet.Torch.Analysis;

/// <summary>Runs a trained AQ-Net on a sample of windows and keeps, per window and head, how much attention each
/// input step receives as seen by the pooled vector. With mean pooling the pooled attention output is
/// mean_i Σ_j A_ij V_j, so step j's weight is the column mean of A; with last-step pooling it is the last row.
/// Attention pooling's learned weights are not exposed, so it is treated like mean pooling (documented).</summary>
internal static class AttentionSampler
{
    // Keeps one batch of weights [B, heads, W, W] near 16 MB of floats.
    private const long MaxWeightsPerBatch = 4_000_000;

    /// <summary>Up to max window indices spread evenly over n (so every station and the whole period appear).</summary>
    public static int[] Spread(int n, int max)
    {
        var k = Math.Min(n, max);
        var idx = new int[k];
        for (var i = 0; i < k; i++) idx[i] = (int)((long)i * n / k);
        return idx;
    }

    /// <summary>x [b, W, F] holding the windows idx[start .. start + count).</summary>
    public static Tensor Batch(WindowSet set, int[] idx, int start, int count)
    {
        var row = set.W * set.F;
        var buf = new float[count * row];
        for (var i = 0; i < count; i++) Array.Copy(set.X, (long)idx[start + i] * row, buf, (long)i * row, row);
        return tensor(buf, [count, set.W, set.F]);
    }

    /// <summary>Key weights [n, heads, W] row-major (n = idx.Length); each (window, head) row sums to 1.</summary>
    public static float[] KeyWeights(AqNetModel model, WindowSet set, int[] idx)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        int heads = model.Options.Heads, w = set.W;
        var result = new float[(long)idx.Length * heads * w];
        var batch = (int)Math.Clamp(MaxWeightsPerBatch / ((long)heads * w * w), 1, 256);
        using var eval = new EvalMode(model);
        using var noGrad = no_grad();
        for (var start = 0; start < idx.Length; start += batch)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batch, idx.Length - start);
            var (_, weights) = model.ForwardWithAttention(Batch(set, idx, start, count));   // [b, heads, W, W]
            // keys: [b, heads, W], the weight the pooled vector gives each input step
            var keys = model.Options.Pooling == Pooling.Last ? weights.select(2, -1) : weights.mean([2]);
            keys.contiguous().data<float>().CopyTo(result, start * heads * w);
        }
        return result;
    }

    /// <summary>Puts a module in eval mode (no dropout) and restores training mode afterwards if it was on.</summary>
    public sealed class EvalMode : IDisposable
    {
        private readonly TorchSharp.torch.nn.Module module;
        private readonly bool wasTraining;

        public EvalMode(TorchSharp.torch.nn.Module module)
        {
            this.module = module;
            wasTraining = module.training;
            module.eval();
        }

        public void Dispose()
        {
            if (wasTraining) module.train();
        }
    }
}
