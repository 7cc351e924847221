using AqNet.Core.Data;
using AqNet.Core.Windows;

namespace AqNet.Core.Metrics;

/// <summary>Error metrics over real observations only, in µg/m³. N = 0 gives NaN metrics.</summary>
public readonly record struct MetricResult(double Mae, double Rmse, double R2, long N);

/// <summary>"pooled": all steps 1..H together; "at": step H alone (the horizon itself). Written to JSON by those
/// names.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Aggregation>))]
public enum Aggregation
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("pooled")] Pooled,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("at")] At,
}

public static class MaskedMetrics
{
    public static string Name(Aggregation a) => a == Aggregation.Pooled ? "pooled" : "at";

    /// <summary>MAE, RMSE and R² = 1 − SSE/SST (SST about the mean of the evaluated observations) over cells with
    /// mask &gt; 0. Masked cells are ignored whatever they hold (NaN included).</summary>
    public static MetricResult Compute(ReadOnlySpan<float> predicted, ReadOnlySpan<float> observed, ReadOnlySpan<float> mask)
    {
        if (predicted.Length != observed.Length || mask.Length != observed.Length)
            throw new ArgumentException($"predicted ({predicted.Length}), observed ({observed.Length}) and mask ({mask.Length}) must have the same length", nameof(predicted));
        long n = 0; double sumObs = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (!(mask[i] > 0)) continue;
            Check(predicted[i], i, nameof(predicted));
            Check(observed[i], i, nameof(observed));
            n++; sumObs += observed[i];
        }
        if (n == 0) return new MetricResult(double.NaN, double.NaN, double.NaN, 0);
        var meanObs = sumObs / n;
        double sae = 0, sse = 0, sst = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (!(mask[i] > 0)) continue;
            double e = (double)predicted[i] - observed[i];
            double d = observed[i] - meanObs;
            sae += Math.Abs(e); sse += e * e; sst += d * d;
        }
        return new MetricResult(sae / n, Math.Sqrt(sse / n), sst > 0 ? 1 - sse / sst : double.NaN, n);
    }

    /// <summary>Metrics of [N, H] arrays: pooled over all steps, or at step H only.</summary>
    public static MetricResult Compute(float[] predicted, float[] observed, float[] mask, int h, Aggregation aggregation)
    {
        if (h < 1 || observed.Length % h != 0)
            throw new ArgumentOutOfRangeException(nameof(h), h, $"h must be >= 1 and divide the array length {observed.Length}");
        if (aggregation == Aggregation.Pooled) return Compute(predicted, observed, mask);
        var n = observed.Length / h;
        var p = new float[n]; var o = new float[n]; var m = new float[n];
        for (var i = 0; i < n; i++) { p[i] = predicted[i * h + h - 1]; o[i] = observed[i * h + h - 1]; m[i] = mask[i * h + h - 1]; }
        return Compute(p, o, m);
    }

    /// <summary>Scores scaled predictions [N, H] against a window set's targets, both unscaled to µg/m³ first.</summary>
    public static MetricResult Evaluate(WindowSet set, float[] predictedScaled, WindowContext context, Aggregation aggregation)
    {
        if (predictedScaled.Length != set.Y.Length)
            throw new ArgumentException($"expected {set.N}×{set.H} = {set.Y.Length} predictions, got {predictedScaled.Length}", nameof(predictedScaled));
        var p = new float[set.Y.Length]; var o = new float[set.Y.Length];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = context.Unscale(predictedScaled[i]);
            o[i] = context.Unscale(set.Y[i]);
        }
        return Compute(p, o, set.YMask, set.H, aggregation);
    }

    private static void Check(float v, int i, string name)
    {
        if (!float.IsFinite(v))
            throw new ArgumentException($"{name}[{i}] is {Fmt.D(v)} at an observed position; expected a finite value in µg/m³", name);
    }
}
