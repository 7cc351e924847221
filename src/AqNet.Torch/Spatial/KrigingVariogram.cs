using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Torch.Spatial;

/// <summary>The variogram of the neural kNN's kriging base (<see cref="NeuralKnnOptions.KrigingBase"/>), fitted on the
/// training hours of the visible stations and saved with the model. For a query and its K nearest stations (K = the
/// largest k, whatever k the attention uses) the ordinary-kriging weights λ are time-invariant; at an hour where some
/// neighbours are missing, the base is Σ λᵢ vᵢ / Σ λᵢ over the observed ones (the weights renormalised, not a new
/// kriging system), and where the observed weights sum to almost nothing the attention-weighted mean v̄ is used instead.</summary>
public sealed record KrigingVariogram(VariogramKind Kind, double Nugget, double PartialSill, double RangeKm)
{
    /// <summary>|Σ λᵢ| over the observed neighbours below which the base falls back to v̄.</summary>
    public const float MinWeightSum = 0.05f;

    public VariogramModel Model() => new(Kind, Nugget, PartialSill, RangeKm);

    /// <summary>The exponential variogram fitted as the kriging baseline fits it, on PM2.5 of the visible panel's hours [start, end).</summary>
    public static KrigingVariogram Fit(Panel visible, int start, int end)
    {
        var kriging = new KrigingInterpolator();
        kriging.Fit(SpatialTrainingData.FromPanel(visible, Variables.Pm25, start, end));
        var m = kriging.Model!;
        return new KrigingVariogram(m.Kind, m.Nugget, m.PartialSill, m.RangeKm);
    }

    /// <summary>λ of every query's K neighbours (the geometry's): [P, K], zero at invalid slots.</summary>
    public float[] Weights(NeighbourGeometry g, IReadOnlyList<GeoPoint> stations)
    {
        var model = Model();
        int p = g.P, kk = g.K;
        var w = new float[checked(p * kk)];
        Parallel.For(0, p, q =>
        {
            var idx = Enumerable.Range(0, kk).Where(j => g.Valid[q * kk + j]).ToArray();
            if (idx.Length == 0) return;
            var st = idx.Select(j => stations[(int)g.Indices[q * kk + j]]).ToArray();
            var lam = KrigingInterpolator.OrdinaryWeights(model, idx.Length, i => g.DistancesKm[q * kk + idx[i]],
                (i, j) => Geodesy.DistanceKm(st[i], st[j]));
            for (var i = 0; i < idx.Length; i++) w[q * kk + idx[i]] = (float)lam[i];
        });
        return w;
    }
}
