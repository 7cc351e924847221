namespace AqNet.Torch.Impute;

/// <summary>Fills one sample of a batch: the target station (node 0) and its neighbours over the window [t0, t0 + W),
/// reading only cells that are true in the input mask and not hidden by the training pattern. Hours outside the panel
/// are unobserved. Every node's hidden observations become reconstruction targets, so one sample trains N estimates.</summary>
internal static class StFeatures
{
    /// <summary>Gaps up to this long get linear interpolation in time as the base estimate; longer ones the neighbours'.</summary>
    public const int ShortGapHours = 6;

    /// <param name="hide">[N, W] cells hidden from the input (training patterns), or null.</param>
    /// <param name="cells">when given, receives every (hour, station) whose value was read as input or target.</param>
    public static void Fill(StGraph g, bool[] input, StBatch batch, int b, int s, int t0, bool[]? hide, List<(int, int)>? cells)
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
            batch.Present[b * N + n] = j >= 0;
            for (var w = 0; w < W; w++)
            {
                var h = t0 + w;
                var obs = j >= 0 && h >= 0 && h < T && input[h * S + j];
                var k = n * W + w;
                seen[k] = obs && !(hide is not null && hide[k]);
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
            var prev = -1;
            for (var w = 0; w < W; w++)
            {
                var x = batch.XIndex(b, n, w);
                var k = n * W + w;
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
                    var inv = 1.0 / (d * d);
                    sw += inv; swz += inv * vals[m * W + w];
                }
                if (sw > 0) { batch.X[x + 8] = (float)(swz / sw); batch.X[x + 9] = 1; }
                if (seen[k])
                {
                    batch.X[x] = vals[k]; batch.X[x + 1] = 1;
                    batch.X[x + 6] = vals[k]; batch.X[x + 7] = 1;
                    batch.X[x + 10] = vals[k];
                    prev = w;
                    continue;
                }
                var next = -1;
                for (var q = w + 1; q < W; q++) if (seen[n * W + q]) { next = q; break; }
                // The base the network corrects: linear in time across a short gap, else the neighbours' estimate (for the
                // target: kriging from all visible stations at that hour; for the other nodes, whose own neighbours
                // would include the target, the inverse-distance estimate from the sample's nodes).
                var h = t0 + w;
                var krig = n == 0 && h >= 0 && h < T ? g.Kriging[h * S + j] : float.NaN;
                batch.X[x + 10] = float.IsNaN(krig) ? batch.X[x + 8] : g.Scale(krig);
                var spatial = sw > 0 || !float.IsNaN(krig);
                if (prev < 0 && next < 0) continue;
                float pv = prev >= 0 ? vals[n * W + prev] : 0, nv = next >= 0 ? vals[n * W + next] : 0;
                batch.X[x + 6] = prev < 0 ? nv : next < 0 ? pv : pv + (nv - pv) * (w - prev) / (next - prev);
                batch.X[x + 7] = prev >= 0 && next >= 0 ? 1 : 0.5f;
                if ((prev >= 0 && next >= 0 && next - prev - 1 <= ShortGapHours) || !spatial) batch.X[x + 10] = batch.X[x + 6];
            }
        }
        for (var w = 0; w < W; w++)
            Array.Copy(g.Time, Math.Clamp(t0 + w, 0, T - 1) * g.C, batch.Time, (b * W + w) * g.C, g.C);
    }
}
