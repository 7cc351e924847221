using AqNet.Core.Data;
using AqNet.Core.Spatial;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Spatial;

/// <summary>Batched inference. Time-independent work is done once: neighbours and geometry of every point, and the
/// geometry term of the scores [P, K, Hs]. Per chunk of hours every station window is encoded once ([hours·S, W, F]);
/// then the (hour, point) rows — contiguous in the [hour, point, horizon] output — are processed in chunks of
/// <see cref="RowChunk"/>, each gathering its neighbours' features and running only the weighting and decoder.</summary>
internal static class KnnInference
{
    private const int RowChunk = 16384;
    private const int EncodeWindows = 2048;

    public static KnnEstimate Run(NeuralKnnEstimator est, Panel panel, IReadOnlyList<GeoPoint> points, int fromHour, int toHour, IReadOnlyList<int> ks)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(points);
        if (fromHour < 0 || toHour > panel.Hours || fromHour >= toHour)
            throw new ArgumentOutOfRangeException(nameof(fromHour), $"hours [{fromHour}, {toHour}) must be a non-empty range inside the panel's [0, {panel.Hours})");
        if (ks.Count == 0 || ks.Any(k => k < 1)) throw new ArgumentOutOfRangeException(nameof(ks), string.Join(",", ks), "expected one or more k >= 1");
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
        var geometry = NeighbourGeometry.Of(est.Points, points, kmax, o.DistanceScaleKm);
        var (mean, std) = (est.Scaler.Mean[0], est.Scaler.Std[0]);   // PM2.5 is the scaler's first feature
        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var nbIdx = tensor(geometry.Indices, [p, kmax]);
        var geo = tensor(geometry.Geo, [p, kmax, NeighbourGeometry.G]);
        var geoTerm = model.GeoTerm(geo);                                                       // [P, K, Hs]
        var logDist = model.LogDistance(tensor(geometry.DistancesKm, [p, kmax]));               // [P, K]
        var valid = tensor(geometry.Valid, [p, kmax]);
        var hoursPerChunk = Math.Max(1, EncodeWindows / s);
        var window = new float[o.Window * feats.F];
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
            var a = model.StationTerm(z);                                                      // [tc·S, Hs]
            var pmT = tensor(pm);
            var obsT = tensor(obs);
            long rows = (long)tc * p;
            for (long r0 = 0; r0 < rows; r0 += RowChunk)
            {
                using var inner = NewDisposeScope();
                var n = Math.Min(RowChunk, rows - r0);
                var r = arange(r0, r0 + n, ScalarType.Int64);
                var pt = r.remainder(p);                                                       // [R] point
                var flat = (nbIdx.index_select(0, pt) + r.div(p, rounding_mode: RoundingMode.floor).mul(s).unsqueeze(1)).view(-1);
                var zNb = z.index_select(0, flat).view(n, kmax, -1);                           // [R, K, D]
                var aNb = a.index_select(0, flat).view(n, kmax, -1);                           // [R, K, Hs]
                var gNb = geoTerm.index_select(0, pt);                                         // [R, K, Hs]
                var vNb = pmT.index_select(0, flat).view(n, kmax);                             // [R, K]
                var mNb = obsT.index_select(0, flat).view(n, kmax).logical_and(valid.index_select(0, pt));
                var ld = logDist.index_select(0, pt);
                var gg = geo.index_select(0, pt);                                              // [R, K, G]
                var scores = model.Scores(aNb, gNb, vNb, ld);                                  // [R, K], once for all k
                var outs = new List<(Tensor U, Tensor Ok)>();
                foreach (var k in useKs)
                {
                    var m = mNb.narrow(1, 0, k);
                    var (y, _) = model.WeightAndDecode(scores.narrow(1, 0, k), zNb.narrow(1, 0, k), vNb.narrow(1, 0, k), gg.narrow(1, 0, k), m);
                    outs.Add((y * std + mean, m.any(1, keepdim: true).to_type(ScalarType.Float32)));   // µg/m³, [R, 1]
                }
                // Two passes (mean, then squared deviations): E[u²] − E[u]² cancels badly in float32 at haze levels.
                var count = outs.Select(q => q.Ok).Aggregate((x1, x2) => x1 + x2);
                var mu = outs.Select(q => q.U * q.Ok).Aggregate((x1, x2) => x1 + x2) / count.clamp_min(1);
                var sd = (outs.Select(q => (q.U - mu).square() * q.Ok).Aggregate((x1, x2) => x1 + x2) / count.clamp_min(1)).sqrt();
                var none = count.eq(0).expand(n, nh);
                mu = mu.masked_fill(none, float.NaN).contiguous();
                sd = sd.masked_fill(none, float.NaN).contiguous();
                var at = (int)(((long)(t0 - fromHour) * p + r0) * nh);
                mu.data<float>().CopyTo(result.Mean, at, 0);
                sd.data<float>().CopyTo(result.Spread, at, 0);
            }
        }
        return result;
    }
}
