using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Windows;

namespace AqNet.Core.Baselines;

/// <summary>Repeats the last observed PM2.5 of the input window over the horizon. For daily targets
/// (StepHours = 24) it repeats the mean of the observed PM2.5 of the last 24 input hours (or of the whole
/// window when shorter), or the last observed value when those 24 h have none. A window with no observed PM2.5
/// at all gets the training mean (0 scaled).
/// Needs PM2.5's own history among the inputs.</summary>
public sealed class PersistenceForecaster : IDeterministicForecaster
{
    public string Name => "persistence";

    public void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct) =>
        Require(context);

    public float[] Predict(WindowSet set, WindowContext context)
    {
        Require(context);
        var (f, m, h, w) = (context.TargetFeature, context.TargetMaskFeature, set.H, set.W);
        var span = context.StepHours == 1 ? 1 : Math.Min(24, w);
        var y = new float[set.N * h];
        for (var n = 0; n < set.N; n++)
        {
            var x = set.X.AsSpan(n * w * set.F, w * set.F); // [W, F]
            double sum = 0; var count = 0;
            for (var t = w - 1; t >= 0 && (count == 0 || t >= w - span); t--)
            {
                if (x[t * set.F + m] <= 0) continue;
                sum += x[t * set.F + f]; count++;
                if (span == 1) break;
            }
            y.AsSpan(n * h, h).Fill(count > 0 ? (float)(sum / count) : 0f);
        }
        return y;
    }

    private static void Require(WindowContext c)
    {
        if (c.TargetFeature < 0 || c.TargetMaskFeature < 0)
            throw new InputException("persistence needs PM2.5's own history among the inputs (pol:PM2.5 and mask:PM2.5), but this window set excludes it");
    }
}
