using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Empirical semivariogram and weighted-least-squares model fit (see docs/spatial-baselines.md).</summary>
public static class VariogramFitter
{
    /// <summary>Pairwise relative semivariogram pooled over the training hours: for each pair of visible stations at
    /// most <paramref name="maxLagKm"/> apart and each hour both are observed with z_i + z_j > 0, the term
    /// ½ ((z_i − z_j) / ((z_i + z_j) / 2))², averaged within <paramref name="bins"/> equal-width distance bins.
    /// Dividing by the pair's mean removes the proportional effect (PM2.5 spreads more on haze hours) so that every
    /// hour shapes the variogram, not just the dirtiest; each term is bounded by 2, so outliers cannot dominate.</summary>
    public static EmpiricalVariogram PairwiseRelative(SpatialTrainingData train, double maxLagKm, int bins)
    {
        Guard.Positive(maxLagKm, nameof(maxLagKm));
        Guard.AtLeast(bins, 1, nameof(bins));
        var pairs = train.Cached("pairrel:" + Fmt.D(maxLagKm, "R"), () => PairStats.Compute(train, maxLagKm));
        var sumD = new double[bins];
        var sumG = new double[bins];
        var count = new long[bins];
        for (var p = 0; p < pairs.I.Length; p++)
        {
            if (!train.Visible[pairs.I[p]] || !train.Visible[pairs.J[p]] || pairs.N[p] == 0) continue;
            var b = Math.Min(bins - 1, (int)(pairs.DistanceKm[p] / maxLagKm * bins));
            sumD[b] += pairs.DistanceKm[p] * pairs.N[p];
            sumG[b] += pairs.SumHalfSq[p];
            count[b] += pairs.N[p];
        }
        var keep = Enumerable.Range(0, bins).Where(b => count[b] > 0).ToArray();
        return new EmpiricalVariogram(
            keep.Select(b => sumD[b] / count[b]).ToArray(),
            keep.Select(b => sumG[b] / count[b]).ToArray(),
            keep.Select(b => count[b]).ToArray());
    }

    /// <summary>Fits nugget, partial sill (both ≥ 0) and range by weighted least squares with weights N_j / h_j²
    /// (gstat's default, fit.method 7: short lags, which dominate kriging weights, count most). For a fixed range the
    /// model is linear in (nugget, partial sill) and solved in closed form; the range is searched on a log grid over
    /// [min lag / 10, max lag × 10] and refined by golden section. With fewer than 3 lags, or a flat zero variogram,
    /// returns a fallback: no nugget, partial sill = mean γ (or 1), range = the largest lag.</summary>
    public static VariogramModel Fit(EmpiricalVariogram ev, VariogramKind kind)
    {
        var n = ev.LagKm.Length;
        var fallback = new VariogramModel(kind, 0, n > 0 && ev.Gamma.Average() > 0 ? ev.Gamma.Average() : 1, n > 0 && ev.LagKm.Max() > 0 ? ev.LagKm.Max() : 1);
        if (n < 3 || ev.LagKm.Min() <= 0) return fallback;
        var maxW = 0.0;
        var w = new double[n];
        for (var j = 0; j < n; j++) maxW = Math.Max(maxW, w[j] = ev.Count[j] / (ev.LagKm[j] * ev.LagKm[j]));
        for (var j = 0; j < n; j++) w[j] /= maxW; // scale only: keeps sums near 1
        double lo = Math.Log(ev.LagKm.Min() / 10), hi = Math.Log(ev.LagKm.Max() * 10);
        const int grid = 400;
        var best = 0;
        var bestSse = double.PositiveInfinity;
        for (var g = 0; g <= grid; g++)
        {
            var sse = Solve(ev, w, kind, Math.Exp(lo + (hi - lo) * g / grid)).Sse;
            if (sse < bestSse) { bestSse = sse; best = g; }
        }
        // Golden section on log(range) between the grid neighbours of the best point.
        double a = lo + (hi - lo) * Math.Max(0, best - 1) / grid, b = lo + (hi - lo) * Math.Min(grid, best + 1) / grid;
        var phi = (Math.Sqrt(5) - 1) / 2;
        double x1 = b - phi * (b - a), x2 = a + phi * (b - a);
        double f1 = Solve(ev, w, kind, Math.Exp(x1)).Sse, f2 = Solve(ev, w, kind, Math.Exp(x2)).Sse;
        for (var it = 0; it < 100; it++)
        {
            if (f1 <= f2) { b = x2; x2 = x1; f2 = f1; x1 = b - phi * (b - a); f1 = Solve(ev, w, kind, Math.Exp(x1)).Sse; }
            else { a = x1; x1 = x2; f1 = f2; x2 = a + phi * (b - a); f2 = Solve(ev, w, kind, Math.Exp(x2)).Sse; }
        }
        var range = Math.Exp((a + b) / 2);
        var fit = Solve(ev, w, kind, range);
        if (Solve(ev, w, kind, Math.Exp(lo + (hi - lo) * best / grid)).Sse < fit.Sse) // golden can only improve, but be sure
        {
            range = Math.Exp(lo + (hi - lo) * best / grid);
            fit = Solve(ev, w, kind, range);
        }
        return fit.Nugget + fit.PartialSill > 0 ? new VariogramModel(kind, fit.Nugget, fit.PartialSill, range) : fallback;
    }

    /// <summary>Weighted LS for (nugget, partial sill) ≥ 0 at a fixed range: the unconstrained 2×2 solution if both are
    /// non-negative, otherwise the better of the two boundary fits (no nugget / pure nugget).</summary>
    private static (double Nugget, double PartialSill, double Sse) Solve(EmpiricalVariogram ev, double[] w, VariogramKind kind, double range)
    {
        double sw = 0, swf = 0, swff = 0, swg = 0, swfg = 0;
        for (var j = 0; j < w.Length; j++)
        {
            var f = VariogramModel.Shape(kind, ev.LagKm[j] / range);
            sw += w[j]; swf += w[j] * f; swff += w[j] * f * f; swg += w[j] * ev.Gamma[j]; swfg += w[j] * f * ev.Gamma[j];
        }
        var det = sw * swff - swf * swf;
        if (det > 1e-12 * sw * swff)
        {
            var c0 = (swff * swg - swf * swfg) / det;
            var c = (sw * swfg - swf * swg) / det;
            if (c0 >= 0 && c >= 0) return (c0, c, Sse(ev, w, kind, range, c0, c));
        }
        var cOnly = swff > 0 ? Math.Max(0, swfg / swff) : 0;
        var s1 = Sse(ev, w, kind, range, 0, cOnly);
        var nOnly = Math.Max(0, swg / sw);
        var s2 = Sse(ev, w, kind, range, nOnly, 0);
        return s1 <= s2 ? (0, cOnly, s1) : (nOnly, 0, s2);
    }

    private static double Sse(EmpiricalVariogram ev, double[] w, VariogramKind kind, double range, double c0, double c)
    {
        double s = 0;
        for (var j = 0; j < w.Length; j++)
        {
            var r = ev.Gamma[j] - c0 - c * VariogramModel.Shape(kind, ev.LagKm[j] / range);
            s += w[j] * r * r;
        }
        return s;
    }
}
