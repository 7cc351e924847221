using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Batched, gradient-free evaluation and prediction (model in eval mode: no dropout).</summary>
public static class Evaluation
{
    /// <summary>Masked MSE (scaled units) and masked MAE in µg/m³ over all rows of data.</summary>
    public static (double Mse, double MaeUgm3) Evaluate(ForecastModel model, WindowTensors data, float targetStd, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        model.eval();
        using var noGrad = no_grad();
        double sq = 0, abs = 0, count = 0;
        for (long start = 0; start < data.N; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var (x, y, m) = data.Slice(start, Math.Min(batchSize, data.N - start));
            var pred = model.forward(x);
            var (s, c) = MaskedLoss.SquaredErrorSum(pred, y, m);
            var (a, _) = MaskedLoss.AbsErrorSum(pred, y, m);
            sq += s; abs += a; count += c;
        }
        return count > 0 ? (sq / count, abs / count * targetStd) : (double.NaN, double.NaN);
    }

    /// <summary>Predictions [N, H] (row-major) in scaled units.</summary>
    public static float[] Predict(ForecastModel model, WindowSet set, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        Guard.AtLeast(batchSize, 1, nameof(batchSize));
        if (set.F != model.Options.InputFeatures)
            throw new ArgumentException($"windows have {set.F} features but the model expects {model.Options.InputFeatures}", nameof(set));
        if (set.H != model.Options.Horizon)
            throw new ArgumentException($"windows have horizon {set.H} but the model predicts {model.Options.Horizon}", nameof(set));
        var result = new float[set.N * set.H];
        if (set.N == 0) return result;
        model.eval();
        using var noGrad = no_grad();
        long row = (long)set.W * set.F;
        for (long start = 0; start < set.N; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var count = Math.Min(batchSize, set.N - start);
            // Zero-copy view of the batch's rows of the X array: [b, W, F]
            var x = frombuffer(set.X, ScalarType.Float32, count * row, start * row).view(count, set.W, set.F);
            var pred = model.forward(x).contiguous();   // [b, H]
            pred.data<float>().CopyTo(result, (int)(start * set.H), 0);
        }
        return result;
    }
}
