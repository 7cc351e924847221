using AqNet.Core.Data;
using AqNet.Core.Spatial;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Spatial;

/// <summary>Batched inference. Time-independent work is done once: neighbours and geometry of every point, the
/// geometry term of the scores [P, K, Hs] and the distance prior. Per chunk of hours every station window is encoded
/// once ([hours·S, W, F]) and turned into its score term and its projection through the decoder's first layer; the
/// (hour, point) rows, contiguous in the [hour, point, horizon] output, then go through <see cref="KnnKernel"/> (the
/// weighting, on all cores) and the rest of the decoder in torch, a row chunk at a time.</summary>
internal static class KnnInference
{
    /// <summary>Decoder pre-activations held per row chunk (rows · k values · Dh floats).</summary>
    private const int RowValues = 1 << 22;
    private const int EncodeWindows = 2048;

    public static KnnEstimate Run(NeuralKnnEstimator est, Panel panel, IReadOnlyList<GeoPoint> points, int fromHour, int toHour, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(points);
        if (fromHour < 0 || toHour > panel.Hours || fromHour >= toHour)
            throw new ArgumentOutOfRangeException(nameof(fromHour), $"hours [{fromHour}, {toHour}) must be a non-empty range inside the panel's [0, {panel.Hours})");
        Guard.Integers(ks, 1, nameof(ks), "neighbour counts");
        TorchRuntime.EnsureLoaded();
        var o = est.Options;
        var model = est.Model;
        model.eval();
        int s = est.Stations.Count, p = points.Count, nh = o.Horizons.Length;
        var kmax = Math.Min(ks.Max(), s);
        var useKs = NeuralKnnTrainer.EffectiveKs(ks, kmax);
        var result = new KnnEstimate(fromHour, toHour - fromHour, p, o.Horizons, useKs);
        if (p == 0) return result;
        var feats = StationFeatures.Build(panel, est.StationIndices(panel), o, est.Scaler, Math.Max(0, fromHour - o.Window + 1), toHour);
        var (mean, std) = (est.Scaler.Mean[0], est.Scaler.Std[0]);   // PM2.5 is the scaler's first feature
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var kernel = est.KernelFor(points, useKs);
        int nk = useKs.Length, dh = kernel.Hidden;
        var hoursPerChunk = Math.Max(1, EncodeWindows / s);
        var window = new float[o.Window * feats.F];
        var rowChunk = Math.Max(1, RowValues / (nk * dh));
        var pre = new float[rowChunk * nk * dh];
        var baseOut = new float[rowChunk * nk];
        var ok = new bool[rowChunk * nk];
        var yBuf = new float[rowChunk * nk * nh];
        for (var t0 = fromHour; t0 < toHour; t0 += hoursPerChunk)
        {
            using var scope = NewDisposeScope();
            var tc = Math.Min(hoursPerChunk, toHour - t0);
            var x = new float[checked(tc * s * window.Length)];
            var pm = new float[tc * s];
            var obs = new bool[tc * s];
            for (var i = 0; i < tc; i++)
                for (var j = 0; j < s; j++)
                {
                    feats.CopyWindow(j, t0 + i, o.Window, x.AsSpan((i * s + j) * window.Length, window.Length));
                    pm[i * s + j] = feats.Pm25Scaled[(t0 + i - feats.From) * s + j];
                    obs[i * s + j] = feats.Pm25Observed[(t0 + i - feats.From) * s + j];
                }
            var z = model.Encode(tensor(x).view(tc * s, o.Window, feats.F));                 // [tc·S, D]
            var a = model.StationTerm(z, tensor(pm)).contiguous().data<float>().ToArray();      // [tc·S, Hs]
            var u = model.ProjectFeatures(z).contiguous().data<float>().ToArray();              // [tc·S, Dh]
            long rows = (long)tc * p;
            for (long r0 = 0; r0 < rows; r0 += rowChunk)
            {
                using var inner = NewDisposeScope();
                var n = (int)Math.Min(rowChunk, rows - r0);
                kernel.Run(s, a, u, pm, obs, r0, n, pre, baseOut, ok);
                // Full chunks hand the reused buffers to torch (which copies them): no managed garbage per chunk, so the
                // GC stays quiet while native code runs (TorchSharp's implicit scalars are freed by finalizers).
                var preT = n == rowChunk ? tensor(pre, [(long)n * nk, dh]) : tensor(pre.AsSpan(0, n * nk * dh).ToArray(), [(long)n * nk, dh]);
                var baseT = n == rowChunk ? tensor(baseOut) : tensor(baseOut.AsSpan(0, n * nk).ToArray());
                var y = model.DecodeHidden(preT, baseT).contiguous();                             // [n·nk, H] scaled
                y.data<float>().CopyTo(yBuf, 0, 0);
                Combine(yBuf, ok, n, nk, nh, (float)mean, (float)std,
                    result, (int)(((long)(t0 - fromHour) * p + r0) * nh));
            }
        }
        return result;
    }

    /// <summary>The time-independent part for a set of points: neighbours, geometry, the geometry term of the scores
    /// and the distance prior, ready in a <see cref="KnnKernel"/>.</summary>
    internal static KnnKernel Prepare(NeuralKnnEstimator est, IReadOnlyList<GeoPoint> points, int[] useKs)
    {
        var model = est.Model;
        int p = points.Count, kmax = useKs.Max();
        var geometry = NeighbourGeometry.Of(est.Points, points, kmax, est.Options.DistanceScaleKm);
        using var noGrad = no_grad();
        float[] geoTerm, prior;
        using (var geo = tensor(geometry.Geo, [p, kmax, NeighbourGeometry.G]))
        using (var g = model.GeoTerm(geo))                                                     // [P, K, Hs]
            geoTerm = g.contiguous().data<float>().ToArray();
        using (var d = tensor(geometry.DistancesKm, [p, kmax]))
        using (var ld = model.LogDistance(d))
        using (var pr = model.Prior(ld))                                                      // [P, K]
            prior = pr.contiguous().data<float>().ToArray();
        var kriging = est.Options.Variogram?.Weights(geometry, est.Points);   // [P, K]: the base uses all K
        return new KnnKernel(model, geometry, geoTerm, prior, useKs, kriging);
    }

    /// <summary>Mean and population spread over the k estimates of each row (µg/m³), NaN where no k had an observed
    /// neighbour. Two passes: E[u²] − E[u]² cancels badly in float32 at haze levels. y: [n, nk, H] scaled.</summary>
    private static void Combine(float[] y, bool[] ok, int n, int nk, int nh, float mean, float std, KnnEstimate result, int at)
    {
        for (var i = 0; i < n; i++)
            for (var h = 0; h < nh; h++)
            {
                double sum = 0;
                var count = 0;
                for (var c = 0; c < nk; c++)
                    if (ok[i * nk + c]) { sum += y[(i * nk + c) * nh + h] * std + mean; count++; }
                var o = at + i * nh + h;
                if (count == 0) { result.Mean[o] = float.NaN; result.Spread[o] = float.NaN; continue; }
                var mu = sum / count;
                double ss = 0;
                for (var c = 0; c < nk; c++)
                    if (ok[i * nk + c]) { var dv = y[(i * nk + c) * nh + h] * std + mean - mu; ss += dv * dv; }
                result.Mean[o] = (float)mu;
                result.Spread[o] = (float)Math.Sqrt(ss / count);
            }
    }
}
