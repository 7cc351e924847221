using AqNet.Core.Impute;

namespace AqNet.Torch.Impute;

/// <summary>Fills one sample of a batch: the target station (node 0) and its neighbours over the window [t0, t0 + W),
/// reading only cells that are true in the input mask and not hidden by the training pattern. Hours outside the panel
/// are unobserved. Every node's hidden observations become reconstruction targets, so one sample trains N estimates.
/// The linear fill in time reaches past the window (up to <see cref="ReachHours"/>) for the nearest observation on each
/// side, so a gap longer than the window is still bridged from both sides, as the hybrid baseline bridges it.</summary>
internal static class StFeatures
{
    /// <summary>How far (hours) the linear fill looks outside the window for an observation.</summary>
    public const int ReachHours = 168;
    private static readonly float LogReach = MathF.Log(1 + ReachHours);

    /// <param name="hide">training patterns (hidden cells, cut outside hours), or null.</param>
    /// <param name="cells">when given, receives every (hour, station) whose value was read as input or target.</param>
    public static void Fill(StGraph g, bool[] input, StBatch batch, int b, int s, int t0, StHide? hide, List<(int, int)>? cells)
    {
        var (N, W, S, T) = (batch.N, batch.W, g.S, g.T);
        const int F = StOptions.NodeFeatures;
        Array.Clear(batch.X, batch.XIndex(b, 0, 0), N * W * F);
        Array.Clear(batch.Y, b * N * W, N * W);
        Array.Clear(batch.Loss, b * N * W, N * W);
        Span<int> station = stackalloc int[N];
        Span<bool> seen = stackalloc bool[N * W];
        Span<float> vals = stackalloc float[N * W];
        for (var n = 0; n < N; n++)
        {
            var j = station[n] = n == 0 ? s : g.Nodes[s * g.K + n - 1];
            batch.Weight[b * N + n] = j < 0 ? 0 : n == 0 ? 1 : g.Taper[s * g.K + n - 1];
            for (var w = 0; w < W; w++)
            {
                var h = t0 + w;
                var obs = j >= 0 && h >= 0 && h < T && input[h * S + j];
                var k = n * W + w;
                seen[k] = obs && !(hide is not null && hide.Cells[k]);
                vals[k] = seen[k] ? g.Scale(g.Values[h * S + j]) : 0;
                if (seen[k]) cells?.Add((h, j));
                else if (obs && hide is not null)
                {
                    batch.Y[b * N * W + k] = g.Scale(g.Values[h * S + j]);
                    batch.Loss[b * N * W + k] = 1;
                    cells?.Add((h, j));
                }
            }
        }
        for (var n = 0; n < N; n++)
        {
            var j = station[n];
            if (j < 0) continue;
            // The nearest observations outside the window (absolute hours; −1 / T where none within reach).
            var before = hide?.NoBefore[n] == true ? -1 : Outside(input, S, j, t0 - 1, Math.Max(0, t0 - ReachHours), -1);
            var after = hide?.NoAfter[n] == true ? T : Outside(input, S, j, t0 + W, Math.Min(T - 1, t0 + W - 1 + ReachHours), 1);
            if (before >= 0) cells?.Add((before, j));
            if (after < T) cells?.Add((after, j));
            var prev = before;
            var prevValue = before >= 0 ? g.Scale(g.Values[before * S + j]) : 0;
            for (var w = 0; w < W; w++)
            {
                var x = batch.XIndex(b, n, w);
                var k = n * W + w;
                var h = t0 + w;
                batch.X[x + 2] = n == 0 ? 1 : 0;
                if (n > 0)
                {
                    var geo = (s * g.K + n - 1) * 3;
                    batch.X[x + 3] = g.Geometry[geo]; batch.X[x + 4] = g.Geometry[geo + 1]; batch.X[x + 5] = g.Geometry[geo + 2];
                }
                // Inverse-distance estimate from the other nodes observed at this hour.
                double sw = 0, swz = 0;
                for (var m = 0; m < N; m++)
                {
                    if (m == n || station[m] < 0 || !seen[m * W + w]) continue;
                    var d = g.PairKm[j * S + station[m]];
                    var inv = batch.Weight[b * N + m] / (d * d);   // tapered like the attention, so the set of nodes can change smoothly
                    sw += inv; swz += inv * vals[m * W + w];
                }
                if (sw > 1e-12) { batch.X[x + 8] = (float)(swz / sw); batch.X[x + 9] = 1; }
                if (seen[k])
                {
                    batch.X[x] = vals[k]; batch.X[x + 1] = 1;
                    batch.X[x + 6] = vals[k]; batch.X[x + 7] = 1;
                    batch.X[x + 10] = vals[k];
                    batch.X[x + 13] = vals[k]; batch.X[x + 14] = 1;
                    prev = h; prevValue = vals[k];
                    continue;
                }
                var next = after;
                var nextValue = after < T ? g.Scale(g.Values[after * S + j]) : 0;
                for (var q = w + 1; q < W; q++) if (seen[n * W + q]) { next = t0 + q; nextValue = vals[n * W + q]; break; }
                // The base the network corrects: linear in time across a gap up to the task's short-gap length, else the
                // neighbours' estimate (for the target: kriging from all visible stations at that hour; for the other
                // nodes, whose own neighbours would include the target, the inverse-distance estimate from the sample's nodes).
                var krig = n == 0 && h >= 0 && h < T ? TargetKriging(g, input, hide, station, W, h, w) : float.NaN;
                batch.X[x + 10] = float.IsNaN(krig) ? batch.X[x + 8] : g.Scale(krig);
                var spatial = sw > 0 || !float.IsNaN(krig);
                bool hasPrev = prev >= 0, hasNext = next < T;
                if (!hasPrev && !hasNext) { batch.X[x + 11] = 1; batch.X[x + 12] = 1; continue; }
                batch.X[x + 6] = !hasPrev ? nextValue : !hasNext ? prevValue : prevValue + (nextValue - prevValue) * (h - prev) / (next - prev);
                batch.X[x + 7] = hasPrev && hasNext ? 1 : 0.5f;
                var gap = hasPrev && hasNext ? next - prev - 1 : ReachHours;
                var near = Math.Min(hasPrev ? h - prev : ReachHours, hasNext ? next - h : ReachHours);
                batch.X[x + 11] = MathF.Log(1 + Math.Min(gap, ReachHours)) / LogReach;
                batch.X[x + 12] = MathF.Log(1 + Math.Min(near, ReachHours)) / LogReach;
                var departure = hasPrev && hasNext ? Departure(g, input, hide, batch, b, station, seen, vals, n, t0, h, prev, next, cells) : float.NaN;
                if (!float.IsNaN(departure)) { batch.X[x + 13] = batch.X[x + 6] + departure; batch.X[x + 14] = 1; }
                if ((hasPrev && hasNext && gap <= g.ShortGapHours) || !spatial) batch.X[x + 10] = batch.X[x + 6];
            }
        }
        if (station[0] >= 0 && g.Regression is { } reg && reg.Has(station[0]) && hide?.NoHistory != true)
            Regression(g, reg, batch, b, station, seen, vals);
        for (var w = 0; w < W; w++)
            Array.Copy(g.Time, Math.Clamp(t0 + w, 0, T - 1) * g.C, batch.Time, (b * W + w) * g.C, g.C);
    }

    /// <summary>The target's regression on its neighbours (features 15, 16) at the hours of the window where it has no
    /// observation within reach on either side (a station gone dark) and the sample reads at least one neighbour: the
    /// station's own relation to them, learnt from its history. Across shorter gaps its own values say more
    /// (docs/results.md).</summary>
    private static void Regression(StGraph g, StationRegression reg, StBatch batch, int b, ReadOnlySpan<int> station, ReadOnlySpan<bool> seen, ReadOnlySpan<float> vals)
    {
        var (N, W) = (batch.N, batch.W);
        Span<float> v = stackalloc float[N];
        for (var w = 0; w < W; w++)
        {
            var x = batch.XIndex(b, 0, w);
            if (batch.X[x + 7] != 0) continue;   // observed, or a linear fill from the target's own values
            for (var m = 0; m < N; m++) v[m] = m > 0 && station[m] >= 0 && seen[m * W + w] ? g.Unscale(vals[m * W + w]) : float.NaN;
            var r = reg.Predict(station[0], station, v);
            if (float.IsNaN(r)) continue;
            batch.X[x + 15] = g.Scale(Math.Max(0, r)); batch.X[x + 16] = 1;
        }
    }

    /// <summary>How far the other nodes stray, at hour <paramref name="h"/>, from their own straight line between the hours
    /// <paramref name="prev"/> and <paramref name="next"/> that bound node <paramref name="n"/>'s gap (scaled units; weighted
    /// by taper / distance², nodes observed at all three hours only; NaN where none is). Added to the node's linear fill it
    /// bridges a long gap with the shape the neighbours show, from observations the window may not hold.</summary>
    private static float Departure(StGraph g, bool[] input, StHide? hide, StBatch batch, int b, ReadOnlySpan<int> station,
        ReadOnlySpan<bool> seen, ReadOnlySpan<float> vals, int n, int t0, int h, int prev, int next, List<(int, int)>? cells)
    {
        var (N, W) = (batch.N, batch.W);
        double sw = 0, swd = 0;
        var a = (double)(h - prev) / (next - prev);
        for (var m = 0; m < N; m++)
        {
            var jm = station[m];
            if (m == n || jm < 0 || !seen[m * W + h - t0]) continue;
            if (!At(g, input, hide, jm, m, t0, W, prev, seen, vals, out var v0) || !At(g, input, hide, jm, m, t0, W, next, seen, vals, out var v1)) continue;
            if (prev < t0) cells?.Add((prev, jm));
            if (next >= t0 + W) cells?.Add((next, jm));
            var d = g.PairKm[station[n] * g.S + jm];
            var inv = batch.Weight[b * N + m] / (d * d);
            sw += inv; swd += inv * (vals[m * W + h - t0] - (v0 + (v1 - v0) * a));
        }
        return sw > 1e-12 ? (float)(swd / sw) : float.NaN;
    }

    // Node m's scaled value at absolute hour `at` as the sample may read it: inside the window where not hidden, outside
    // where the pattern does not cut the node's hours on that side.
    private static bool At(StGraph g, bool[] input, StHide? hide, int j, int m, int t0, int W, int at, ReadOnlySpan<bool> seen, ReadOnlySpan<float> vals, out float v)
    {
        v = 0;
        if (at >= t0 && at < t0 + W)
        {
            if (!seen[m * W + at - t0]) return false;
            v = vals[m * W + at - t0];
            return true;
        }
        if (at < 0 || at >= g.T || !input[at * g.S + j]) return false;
        if (hide is not null && (at < t0 ? hide.NoBefore[m] : hide.NoAfter[m])) return false;
        v = g.Scale(g.Values[at * g.S + j]);
        return true;
    }

    // Kriging at the target from the stations with input at hour h, less the neighbours the pattern hides there.
    private static float TargetKriging(StGraph g, bool[] input, StHide? hide, ReadOnlySpan<int> station, int W, int h, int w)
    {
        if (hide is not null && w >= hide.Cut) return float.NaN;
        if (hide is null || g.KrigingCell is null) return g.Kriging[h * g.S + station[0]];
        Span<int> skip = stackalloc int[station.Length];
        var k = 0;
        for (var m = 1; m < station.Length; m++)
            if (station[m] >= 0 && hide.Cells[m * W + w] && input[h * g.S + station[m]]) skip[k++] = station[m];
        return k == 0 ? g.Kriging[h * g.S + station[0]] : g.KrigingCell.Estimate(h, station[0], skip[..k]);
    }

    // The first hour from `from` towards `to` (step ±1) where station j has input; −1 (backwards) or T (forwards) if none.
    private static int Outside(bool[] input, int S, int j, int from, int to, int step)
    {
        var T = input.Length / S;
        for (var h = from; step < 0 ? h >= to : h <= to; h += step)
            if (h >= 0 && h < T && input[h * S + j]) return h;
        return step < 0 ? -1 : T;
    }
}
