using static TorchSharp.torch;

namespace AqNet.Torch.Spatial;

/// <summary>Turns a set of hours into a training (or validation) batch over the visible stations: every station's
/// window ending at each hour is encoded once, then every station is a pseudo-hidden target whose K neighbours are the
/// nearest OTHER visible stations (its own data never enters its estimate). Targets are its observed PM2.5 at
/// t + each horizon (scaled), masked where missing or where no neighbour is observed at t.</summary>
internal sealed class KnnTrainingBatches : IDisposable
{
    private readonly NeuralKnnModel model;
    private readonly StationFeatures feats;
    private readonly NeighbourGeometry geometry;
    private readonly Tensor nbIdx, geo, logDist, valid;   // [S, Kmax] (geo [S, Kmax, G])
    private readonly Tensor? kriging;                      // [S, Kmax] OK weights of each target's Kmax neighbours

    public KnnTrainingBatches(NeuralKnnModel model, StationFeatures feats, NeighbourGeometry geometry, IReadOnlyList<Core.Spatial.GeoPoint>? points = null)
    {
        if (geometry.P != feats.S) throw new ArgumentException($"geometry has {geometry.P} targets but there are {feats.S} stations", nameof(geometry));
        this.model = model;
        this.feats = feats;
        this.geometry = geometry;
        int s = feats.S, k = geometry.K;
        nbIdx = tensor(geometry.Indices, [s, k]);
        geo = tensor(geometry.Geo, [s, k, NeighbourGeometry.G]);
        using (var d = tensor(geometry.DistancesKm, [s, k])) logDist = model.LogDistance(d);
        valid = tensor(geometry.Valid, [s, k]);
        if (model.Options.Variogram is { } vg)
        {
            ArgumentNullException.ThrowIfNull(points);
            kriging = tensor(vg.Weights(geometry, points), [s, k]);
        }
    }

    /// <summary>Neighbour station indices of every target for a given k (for batch checks).</summary>
    public IEnumerable<int> NeighbourStations(int k) =>
        Enumerable.Range(0, feats.S).SelectMany(s => Enumerable.Range(0, k).Where(j => geometry.Valid[s * geometry.K + j])
            .Select(j => (int)geometry.Indices[s * geometry.K + j]));

    /// <summary>Predictions, targets and target mask, all [B·S, H] (scaled), for the hours (panel indices) and k.</summary>
    /// <param name="dropout">Training only: each station's observation at each hour is hidden from its role as a
    /// neighbour with this probability (not as a target), drawn with <paramref name="rng"/>; a sparser, varied network
    /// gives the weights and the decoder more geometries than the visible stations' own.</param>
    public (Tensor Prediction, Tensor Target, Tensor Mask) Run(IReadOnlyList<int> hours, int k, double dropout = 0, Random? rng = null)
    {
        var (p, y, m) = Run(hours, [k], dropout, rng);
        return (p[0], y, m);
    }

    /// <summary>As above for several k sharing one encoding; the mask keeps targets with an observed neighbour for every k.</summary>
    public (Tensor[] Predictions, Tensor Target, Tensor Mask) Run(IReadOnlyList<int> hours, IReadOnlyList<int> ks, double dropout = 0, Random? rng = null)
    {
        if (dropout > 0) ArgumentNullException.ThrowIfNull(rng);
        using var scope = NewDisposeScope();
        var o = model.Options;
        int b = hours.Count, s = feats.S, w = o.Window, f = feats.F, h = o.Horizons.Length;
        var x = new float[checked(b * s * w * f)];
        var pm = new float[b * s];
        var obs = new bool[b * s];
        var y = new float[b * s * h];
        var ym = new float[b * s * h];
        for (var i = 0; i < b; i++)
            for (var j = 0; j < s; j++)
            {
                feats.CopyWindow(j, hours[i], w, x.AsSpan((i * s + j) * w * f, w * f));
                var at = (hours[i] - feats.From) * s + j;
                pm[i * s + j] = feats.Pm25Scaled[at];
                obs[i * s + j] = feats.Pm25Observed[at] && (dropout <= 0 || rng!.NextDouble() >= dropout);
                for (var q = 0; q < h; q++)
                {
                    var ta = (hours[i] + o.Horizons[q] - feats.From) * s + j;
                    if (!feats.Pm25Observed[ta]) continue;
                    y[(i * s + j) * h + q] = feats.Pm25Scaled[ta];
                    ym[(i * s + j) * h + q] = 1;
                }
            }
        var z = model.Encode(tensor(x).view(b * s, w, f)).view(b, s, -1);                       // [B, S, D]
        var pmT = tensor(pm).view(b, s);
        var a = model.StationTerm(z, pmT);                                                      // [B, S, Hs]
        var obsT = tensor(obs).view(b, s);
        var preds = new Tensor[ks.Count];
        Tensor? baseValue = null;                                                               // [B·S] kriging base over all Kmax neighbours
        if (kriging is not null)
        {
            var kk = geometry.K;
            var all = nbIdx.reshape(-1);
            var vAll = pmT.index_select(1, all).view(b * s, kk);
            var mAll = obsT.index_select(1, all).view(b, s, kk).logical_and(valid.unsqueeze(0)).view(b * s, kk);
            baseValue = NeuralKnnModel.KrigingEstimate(kriging.unsqueeze(0).expand(b, s, kk).reshape(b * s, kk), vAll, mAll);
        }
        var mask = tensor(ym).view(b * s, h);
        for (var c = 0; c < ks.Count; c++)
        {
            var k = ks[c];
            var idx = nbIdx.narrow(1, 0, k).reshape(-1);                                        // [S·k]
            var zNb = z.index_select(1, idx).view(b * s, k, -1);                                // [B·S, k, D]
            var aNb = a.index_select(1, idx).view(b * s, k, -1);                                // [B·S, k, Hs]
            var g = model.GeoTerm(geo.narrow(1, 0, k));                                         // [S, k, Hs]
            var gNb = g.unsqueeze(0).expand(b, s, k, g.shape[2]).reshape(b * s, k, g.shape[2]);
            var vNb = pmT.index_select(1, idx).view(b * s, k);                                  // [B·S, k]
            var mNb = obsT.index_select(1, idx).view(b, s, k).logical_and(valid.narrow(1, 0, k).unsqueeze(0)).view(b * s, k);
            var ld = logDist.narrow(1, 0, k).unsqueeze(0).expand(b, s, k).reshape(b * s, k);
            var gg = geo.narrow(1, 0, k).unsqueeze(0).expand(b, s, k, NeighbourGeometry.G).reshape(b * s, k, NeighbourGeometry.G);
            preds[c] = model.Combine(zNb, aNb, gNb, vNb, ld, gg, mNb, baseValue).Prediction.MoveToOuterDisposeScope();
            mask = mask * mNb.any(1, keepdim: true).to_type(ScalarType.Float32);
        }
        return (preds, tensor(y).view(b * s, h).MoveToOuterDisposeScope(), mask.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        nbIdx.Dispose(); geo.Dispose(); logDist.Dispose(); valid.Dispose(); kriging?.Dispose();
    }
}
