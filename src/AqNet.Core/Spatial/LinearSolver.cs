namespace AqNet.Core.Spatial;

/// <summary>Dense Gaussian elimination with partial pivoting for the small kriging systems (n ≤ ~50). Pivoting is
/// required: the ordinary-kriging matrix has a zero on the diagonal (the Lagrange row).</summary>
internal static class LinearSolver
{
    /// <summary>Solves a x = b in place (a is n×n row-major, overwritten; b becomes x). False if (numerically) singular.</summary>
    public static bool Solve(Span<double> a, Span<double> b, int n)
    {
        double scale = 0;
        foreach (var v in a[..(n * n)]) scale = Math.Max(scale, Math.Abs(v));
        var tiny = 1e-12 * scale;
        for (var c = 0; c < n; c++)
        {
            var p = c;
            for (var r = c + 1; r < n; r++)
                if (Math.Abs(a[r * n + c]) > Math.Abs(a[p * n + c])) p = r;
            if (!(Math.Abs(a[p * n + c]) > tiny)) return false;
            if (p != c)
            {
                for (var k = 0; k < n; k++) (a[c * n + k], a[p * n + k]) = (a[p * n + k], a[c * n + k]);
                (b[c], b[p]) = (b[p], b[c]);
            }
            var piv = a[c * n + c];
            for (var r = c + 1; r < n; r++)
            {
                var f = a[r * n + c] / piv;
                if (f == 0) continue;
                for (var k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
                b[r] -= f * b[c];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var k = r + 1; k < n; k++) s -= a[r * n + k] * b[k];
            b[r] = s / a[r * n + r];
        }
        return true;
    }
}
