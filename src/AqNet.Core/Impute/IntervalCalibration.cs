namespace AqNet.Core.Impute;

/// <summary>Split-conformal calibration of the 90% interval on validation points. A model that gives bounds gets them
/// scaled about its median by the factor that makes 90% of validation points fall inside (conformalised quantile
/// regression, scaled form); a model without bounds gets median ± the 90% quantile of its absolute validation errors.
/// Every estimate and bound is clipped at 0 (concentrations are never negative).</summary>
public sealed record IntervalCalibration(bool Scaled, double Factor, long Points)
{
    public const double Level = 0.9;

    public static IntervalCalibration Fit(ImputeEstimates e, float[] truth, bool[] where)
    {
        var scaled = Enumerable.Range(0, where.Length).Any(i => where[i] && float.IsFinite(e.Lower[i]));
        var scores = new List<double>();
        for (var i = 0; i < where.Length; i++)
        {
            if (!where[i] || !float.IsFinite(e.Median[i])) continue;
            double y = truth[i], m = Math.Max(0, e.Median[i]);
            scores.Add(scaled ? Math.Max((m - y) / Below(e, i, m), (y - m) / Above(e, i, m)) : Math.Abs(y - m));
        }
        if (scores.Count == 0) return new IntervalCalibration(scaled, scaled ? 1 : double.NaN, 0);
        scores.Sort();
        // The ⌈(n + 1)·0.9⌉-th smallest score: the finite-sample conformal quantile.
        var k = Math.Min(scores.Count, (int)Math.Ceiling((scores.Count + 1) * Level)) - 1;
        return new IntervalCalibration(scaled, scores[k], scores.Count);
    }

    // The model's distances from the (clipped) median to its bounds, floored so a collapsed side can still widen.
    private static double Below(ImputeEstimates e, int i, double m) => Math.Max(m - e.Lower[i], 1e-3);
    private static double Above(ImputeEstimates e, int i, double m) => Math.Max(e.Upper[i] - m, 1e-3);

    /// <summary>Writes calibrated bounds (and clips the median at 0) in place at the asked cells.</summary>
    public void Apply(ImputeEstimates e, bool[] where)
    {
        for (var i = 0; i < where.Length; i++)
        {
            if (!where[i]) continue;
            var m = Math.Max(0f, e.Median[i]);
            if (Scaled)
            {
                var (below, above) = (Below(e, i, m), Above(e, i, m));
                e.Lower[i] = (float)Math.Max(0, m - Factor * below);
                e.Upper[i] = (float)(m + Factor * above);
            }
            else
            {
                e.Lower[i] = (float)Math.Max(0, m - Factor);
                e.Upper[i] = (float)(m + Factor);
            }
            e.Median[i] = m;
        }
    }
}
