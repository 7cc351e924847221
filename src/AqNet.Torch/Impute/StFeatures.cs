namespace AqNet.Torch.Impute;

/// <summary>Fills one sample of a batch: the target station and its neighbours over the window [t0, t0 + W), reading
/// only cells that are true in the input mask and not hidden by the training pattern. Hours outside the panel are
/// unobserved. The target's hidden observations become the reconstruction targets.</summary>
internal static class StFeatures
{
    /// <param name="hide">[N, W] cells hidden from the input (training patterns), or null.</param>
    /// <param name="cells">when given, receives every (hour, station) whose value was read as input or target.</param>
    public static void Fill(StGraph g, bool[] input, StBatch batch, int b, int s, int t0, bool[]? hide, List<(int, int)>? cells)
    {
        var (N, W, S, T) = (batch.N, batch.W, g.S, g.T);
        const int F = StOptions.NodeFeatures;
        Array.Clear(batch.X, batch.XIndex(b, 0, 0), N * W * F);
        Span<bool> seen = stackalloc bool[W];
        Span<float> vals = stackalloc float[W];
        var scaledIdw = new double[W];
        var idwWeight = new double[W];
        for (var n = 0; n < N; n++)
        {
            var j = n == 0 ? s : g.Nodes[s * g.K + n - 1];
            batch.Present[b * N + n] = j >= 0;
            if (j < 0) continue;
            for (var w = 0; w < W; w++)
            {
                var h = t0 + w;
                seen[w] = h >= 0 && h < T && input[h * S + j] && !(hide is not null && hide[n * W + w]);
                vals[w] = seen[w] ? g.Scale(g.Values[h * S + j]) : 0;
            }
            int prev = -1;
            for (var w = 0; w < W; w++)
            {
                var x = batch.XIndex(b, n, w);
                batch.X[x + 2] = n == 0 ? 1 : 0;
                if (n > 0)
                {
                    var geo = (s * g.K + n - 1) * 3;
                    batch.X[x + 3] = g.Geometry[geo]; batch.X[x + 4] = g.Geometry[geo + 1]; batch.X[x + 5] = g.Geometry[geo + 2];
                }
                if (seen[w])
                {
                    var v = vals[w];
                    batch.X[x] = v; batch.X[x + 1] = 1;
                    batch.X[x + 6] = v; batch.X[x + 7] = 1;
                    cells?.Add((t0 + w, j));
                    prev = w;
                    if (n > 0)
                    {
                        var inv = 1.0 / (g.Km[s * g.K + n - 1] * (double)g.Km[s * g.K + n - 1]);
                        scaledIdw[w] += inv * v; idwWeight[w] += inv;
                    }
                    continue;
                }
                var next = -1;
                for (var k = w + 1; k < W; k++) if (seen[k]) { next = k; break; }
                if (prev < 0 && next < 0) continue;
                float pv = prev >= 0 ? vals[prev] : 0, nv = next >= 0 ? vals[next] : 0;
                batch.X[x + 6] = prev < 0 ? nv : next < 0 ? pv : pv + (nv - pv) * (w - prev) / (next - prev);
                batch.X[x + 7] = prev >= 0 && next >= 0 ? 1 : 0.5f;
            }
        }
        for (var w = 0; w < W; w++)
        {
            var x = batch.XIndex(b, 0, w);
            if (idwWeight[w] > 0) { batch.X[x + 8] = (float)(scaledIdw[w] / idwWeight[w]); batch.X[x + 9] = 1; }
            var h = Math.Clamp(t0 + w, 0, T - 1);
            Array.Copy(g.Time, h * g.C, batch.Time, (b * W + w) * g.C, g.C);
            var target = hide is not null && hide[w] && t0 + w >= 0 && t0 + w < T && input[(t0 + w) * S + s];
            batch.Y[b * W + w] = target ? g.Scale(g.Values[(t0 + w) * S + s]) : 0;
            batch.Loss[b * W + w] = target ? 1 : 0;
            if (target) cells?.Add((t0 + w, s));
        }
    }
}
