namespace AqNet.Core.Fill;

/// <summary>A method's crude interval: quantiles of its relative residuals r = (observed − estimate) / max(estimate,
/// 10 µg/m³) where the truth is known (artificial gaps, left-out stations). Scaling by the level makes one pair of
/// quantiles serve clean and hazy hours alike. The quantiles come from every other residual; the coverage is measured
/// on the rest, which the quantiles never saw.</summary>
internal sealed class ResidualCalibration
{
    private const double ScaleFloor = 10; // µg/m³: below it residuals are taken as absolute, not relative
    private const int MaxSamples = 40_000;

    private ResidualCalibration(double low, double high, double measured, int samples) =>
        (Low, High, MeasuredCoverage, Samples) = (low, high, measured, samples);

    public double Low { get; }
    public double High { get; }
    public double MeasuredCoverage { get; }
    public int Samples { get; }
    public bool Valid => Samples >= 2;

    /// <summary>[lower, upper] around an estimate, the lower bound never below 0; NaN without samples.</summary>
    public (float Lower, float Upper) Interval(float estimate)
    {
        if (!Valid || float.IsNaN(estimate)) return (float.NaN, float.NaN);
        var scale = Math.Max(estimate, ScaleFloor);
        return ((float)Math.Max(0, estimate + Low * scale), (float)(estimate + High * scale));
    }

    /// <summary>From (observed, estimate) pairs: quantiles lo and hi of the even-indexed residuals, coverage on the odd.</summary>
    public static ResidualCalibration Of(IReadOnlyList<(float Observed, float Estimate)> pairs, double lo, double hi)
    {
        var stride = Math.Max(1, pairs.Count / MaxSamples);
        var r = pairs.Where((_, i) => i % stride == 0).Select(p => (p.Observed - p.Estimate) / Math.Max(p.Estimate, ScaleFloor)).ToList();
        var fit = r.Where((_, i) => i % 2 == 0).Order().ToArray();
        var test = r.Where((_, i) => i % 2 == 1).ToArray();
        if (fit.Length == 0) return new ResidualCalibration(double.NaN, double.NaN, double.NaN, r.Count);
        var (a, b) = (Quantile(fit, lo), Quantile(fit, hi));
        var covered = test.Length == 0 ? double.NaN : (double)test.Count(x => x >= a && x <= b) / test.Length;
        return new ResidualCalibration(a, b, covered, r.Count);
    }

    /// <summary>Artificial gaps of g hours inside runs of usable hours: each hidden hour estimated linearly from the
    /// hours just outside the gap.</summary>
    public static ResidualCalibration Linear(FillInputs d, int g, double lo, double hi)
    {
        var pairs = new List<(float, float)>();
        for (var s = 0; s < d.S; s++)
            for (var a = 1; a + g < d.T; a += g + 1)
            {
                var ok = d.IsUsable(s, a - 1) && d.IsUsable(s, a + g);
                for (var t = a; ok && t < a + g; t++) ok = d.IsUsable(s, t);
                if (!ok) continue;
                for (var t = a; t < a + g; t++) pairs.Add((d.Value(s, t), d.Linear(s, a - 1, a + g, t)));
            }
        return Of(pairs, lo, hi);
    }

    /// <summary>Leave-one-station-out kriging at usable hours, about 2000 hours spread over the panel.</summary>
    public static ResidualCalibration Kriging(FillInputs d, Spatial.KrigingInterpolator k, double lo, double hi, CancellationToken ct)
    {
        var pairs = new List<(float, float)>();
        for (var t = 0; t < d.T; t += Math.Max(1, d.T / 2000))
        {
            ct.ThrowIfCancellationRequested();
            for (var s = 0; s < d.S; s++)
                if (d.IsUsable(s, t) && d.KrigeAt(k, s, t) is { } e && !float.IsNaN(e)) pairs.Add((d.Value(s, t), e));
        }
        return Of(pairs, lo, hi);
    }

    /// <summary>Type-7 quantile (linear between order statistics) of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var i = (int)Math.Floor(h);
        return i + 1 < sorted.Length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[^1];
    }
}
