namespace AqNet.Core.Quality;

/// <summary>The single-series QC rules on dense arrays (values NaN where mask is false). Each sets its bit in
/// <c>flags</c> and never touches values or mask. docs/quality-control.md gives the rules and the defaults.</summary>
internal static class QcRules
{
    public static void Bounds(ReadOnlySpan<float> v, ReadOnlySpan<bool> m, Span<byte> f, double min, double max)
    {
        for (var i = 0; i < v.Length; i++)
            if (m[i] && (v[i] < min || v[i] > max)) f[i] |= (byte)QcFlags.OutOfBounds;
    }

    /// <summary>Isolated upward spike at t: with M the median and S = max(1.4826·MAD, minSpread) of the observed
    /// neighbours in t−n..t−1 ∪ t+1..t+n (at least <paramref name="minPerSide"/> on each side),
    /// v[t] − M &gt; k·S while the nearest observed neighbour on each side is ≤ M + k·S/2 (so the excursion is one
    /// hour, not an episode building up or decaying).</summary>
    public static void Spikes(ReadOnlySpan<float> v, ReadOnlySpan<bool> m, Span<byte> f, int n, int minPerSide, double k, double minSpread)
    {
        var window = new double[2 * n];
        var dev = new double[2 * n];
        for (var t = 0; t < v.Length; t++)
        {
            if (!m[t]) continue;
            int before = Nearest(m, t, -1, n), after = Nearest(m, t, +1, n);
            if (before < 0 || after < 0) continue;
            // Cheap necessary condition (skips nearly every hour): a spike has v − M > k·S and both nearest
            // neighbours ≤ M + k·S/2, so v − max(nearest) > k·S/2 ≥ k·minSpread/2.
            if (v[t] - Math.Max(v[before], v[after]) <= k * minSpread / 2) continue;
            int count = 0, nBefore = 0, nAfter = 0;
            for (var j = Math.Max(0, t - n); j < t; j++)
                if (m[j]) { window[count++] = v[j]; nBefore++; }
            for (var j = t + 1; j <= Math.Min(v.Length - 1, t + n); j++)
                if (m[j]) { window[count++] = v[j]; nAfter++; }
            if (nBefore < minPerSide || nAfter < minPerSide) continue;
            var med = Median(window, count);
            for (var i = 0; i < count; i++) dev[i] = Math.Abs(window[i] - med);
            var spread = Math.Max(1.4826 * Median(dev, count), minSpread);
            if (v[t] - med > k * spread && v[before] <= med + k * spread / 2 && v[after] <= med + k * spread / 2)
                f[t] |= (byte)QcFlags.Spike;
        }
    }

    /// <summary>Index of the nearest observed hour within n hours in direction step (−1 or +1), or −1.</summary>
    private static int Nearest(ReadOnlySpan<bool> m, int t, int step, int n)
    {
        for (var j = t + step; j >= 0 && j < m.Length && Math.Abs(j - t) <= n; j += step)
            if (m[j]) return j;
        return -1;
    }

    /// <summary>Runs of ≥ <paramref name="minLength"/> consecutive observed hours with exactly the same value
    /// (a missing hour ends a run). Runs at a value ≤ <paramref name="floor"/> (zero rain, detection limits) are not flagged.</summary>
    public static void ConstantRuns(ReadOnlySpan<float> v, ReadOnlySpan<bool> m, Span<byte> f, int minLength, double? floor)
    {
        var t = 0;
        while (t < v.Length)
        {
            if (!m[t]) { t++; continue; }
            var end = t + 1;
            while (end < v.Length && m[end] && v[end] == v[t]) end++;
            if (end - t >= minLength && (floor is null || v[t] > floor.Value))
                for (var i = t; i < end; i++) f[i] |= (byte)QcFlags.ConstantRun;
            t = end;
        }
    }

    /// <summary>Median of the first <paramref name="count"/> items (reorders them; windows are ≤ 2n items).</summary>
    internal static double Median(double[] a, int count)
    {
        Array.Sort(a, 0, count);
        return count % 2 == 1 ? a[count / 2] : 0.5 * (a[count / 2 - 1] + a[count / 2]);
    }
}
