namespace AqNet.Core.Baselines;

/// <summary>Dense symmetric positive-definite solves for the ridge normal equations (P ≈ 300, so O(P³) is cheap).</summary>
internal static class Cholesky
{
    /// <summary>Solves (G + diag(penalty)) w = b, G [P, P] row-major (upper triangle read), b [P].
    /// Returns null when the matrix is not positive definite.</summary>
    public static double[]? Solve(double[] g, double[] penalty, double[] b)
    {
        var p = b.Length;
        var l = new double[p * p]; // lower factor, row-major
        for (var i = 0; i < p; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = g[j * p + i] + (i == j ? penalty[i] : 0); // upper triangle: row j ≤ col i
                for (var k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
                if (i == j)
                {
                    if (!(s > 1e-12 * Math.Max(1, Math.Abs(g[i * p + i])))) return null;
                    l[i * p + i] = Math.Sqrt(s);
                }
                else l[i * p + j] = s / l[j * p + j];
            }
        var z = new double[p];
        for (var i = 0; i < p; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= l[i * p + k] * z[k];
            z[i] = s / l[i * p + i];
        }
        var w = new double[p];
        for (var i = p - 1; i >= 0; i--)
        {
            var s = z[i];
            for (var k = i + 1; k < p; k++) s -= l[k * p + i] * w[k];
            w[i] = s / l[i * p + i];
        }
        return w;
    }
}
