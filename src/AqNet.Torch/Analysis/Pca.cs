namespace AqNet.Torch.Analysis;

/// <summary>Principal components of a few long vectors (heads × lags), by power iteration on the covariance
/// applied implicitly as Xᵀ(X v), with deflation: cheap when n ≪ d and needs no linear-algebra package.</summary>
/// <param name="Components">[k][d] unit vectors; sign fixed so the largest-magnitude entry is positive.</param>
/// <param name="Scores">[n][k] projections of the centred rows.</param>
/// <param name="Variance">[k] variance along each component (eigenvalues of the covariance, n − 1 denominator).</param>
/// <param name="TotalVariance">Trace of the covariance, to report each component's share.</param>
internal sealed record Pca(double[][] Components, double[][] Scores, double[] Variance, double TotalVariance)
{
    public double Share(int c) => TotalVariance > 0 ? Variance[c] / TotalVariance : 0;

    public static Pca Fit(IReadOnlyList<double[]> rows, int k = 2, int maxIterations = 2000, double tolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("no vectors", nameof(rows));
        int n = rows.Count, d = rows[0].Length;
        if (rows.Any(r => r.Length != d)) throw new ArgumentException("vectors differ in length", nameof(rows));
        // x: [n][d], centred; deflated in place after each component
        var x = rows.Select(r => (double[])r.Clone()).ToArray();
        for (var j = 0; j < d; j++)
        {
            var m = x.Average(r => r[j]);
            foreach (var r in x) r[j] -= m;
        }
        var denom = Math.Max(1, n - 1);
        var total = x.Sum(r => Dot(r, r)) / denom;
        var comps = new double[k][];
        var variance = new double[k];
        var scores = Enumerable.Range(0, n).Select(_ => new double[k]).ToArray();
        // Rows shorter than this after deflation are rounding noise, not a direction.
        var floor = 1e-20 * Math.Max(total * denom, 1e-300);
        for (var c = 0; c < k; c++)
        {
            comps[c] = Leading(x, d, floor, maxIterations, tolerance);
            var xv = x.Select(r => Dot(r, comps[c])).ToArray();   // [n]
            variance[c] = xv.Sum(s => s * s) / denom;
            for (var i = 0; i < n; i++)
            {
                scores[i][c] = xv[i];
                for (var j = 0; j < d; j++) x[i][j] -= xv[i] * comps[c][j];
            }
        }
        return new Pca(comps, scores, variance, total);
    }

    // Leading eigenvector of XᵀX; the zero vector when X is (numerically) zero.
    private static double[] Leading(double[][] x, int d, double floor, int maxIterations, double tolerance)
    {
        // Start from the longest row: it lies in the row space, so it is never orthogonal to every component.
        var v = (double[])x.MaxBy(r => Dot(r, r))!.Clone();
        if (Dot(v, v) <= floor || !Normalise(v)) return new double[d];
        for (var it = 0; it < maxIterations; it++)
        {
            var xv = x.Select(r => Dot(r, v)).ToArray();
            var next = new double[d];
            for (var i = 0; i < x.Length; i++)
                for (var j = 0; j < d; j++) next[j] += xv[i] * x[i][j];
            if (!Normalise(next)) return new double[d];
            var change = 1 - Math.Abs(Dot(next, v));
            v = next;
            if (change < tolerance) break;
        }
        var big = v.MaxBy(Math.Abs);
        if (big < 0) for (var j = 0; j < d; j++) v[j] = -v[j];
        return v;
    }

    private static bool Normalise(double[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        if (norm < 1e-300 || !double.IsFinite(norm)) return false;
        for (var j = 0; j < v.Length; j++) v[j] /= norm;
        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var j = 0; j < a.Length; j++) s += a[j] * b[j];
        return s;
    }
}
