using TorchSharp;
using AqNet.Torch.Runtime;
using AqNet.Torch.Nn;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Spatial;

/// <summary>The neural kNN of AQ-Net: a shared <see cref="TemporalEncoder"/> turns each neighbour's input window into a
/// feature z_i [D]; <see cref="NeighbourScorer"/> gives each neighbour a score from its feature, value and geometry;
/// a softmax over the observed neighbours gives weights w_i (masked neighbours get exactly 0); the interpolated
/// feature h = Σ w_i z_i and the weighted mean v̄ = Σ w_i v_i go through <see cref="KnnDecoder"/> to PM2.5 at the
/// query (one output per horizon). All in scaled units.</summary>
public sealed class NeuralKnnModel : Module
{
    private readonly TemporalEncoder encoder;
    private readonly NeighbourScorer scorer;
    private readonly KnnDecoder decoder;

    public NeuralKnnModel(NeuralKnnOptions options, string name = "aqnet-knn") : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        encoder = new TemporalEncoder("encoder", options.EncoderOptions);
        scorer = new NeighbourScorer("scorer", encoder.OutputSize, NeighbourGeometry.G, options.GeoHidden, options.ScoreHidden);
        decoder = new KnnDecoder("decoder", encoder.OutputSize, options.DecoderHidden, options.Horizons.Length, options.Dropout, options.KrigingBase, options.CorrectionScale);
        RegisterComponents();
    }

    public NeuralKnnOptions Options { get; }

    public int FeatureSize => encoder.OutputSize;

    // x: [N, W, F] → z: [N, D]
    public Tensor Encode(Tensor x) => encoder.forward(x);

    // z: [..., D], value: [...] (latest scaled PM2.5) → [..., Hs]
    public Tensor StationTerm(Tensor z, Tensor value) => scorer.StationTerm(z, value);

    // geo: [..., G] → [..., Hs]
    public Tensor GeoTerm(Tensor geo) => scorer.GeoTerm(geo);

    /// <summary>ln(d + offset) of distances in km, the argument of the IDW-like prior.</summary>
    public Tensor LogDistance(Tensor distKm)
    {
        using var offset = ((float)Options.DistanceOffsetKm).ToScalar();   // held alive: see Runtime.Scalars
        using var shifted = distKm.add(offset, Scalars.One);
        return shifted.log();
    }

    /// <summary>Softmax of the scores over unmasked neighbours; masked ones get exactly 0, and a row with no unmasked
    /// neighbour gets all zeros. scores: [B, K], mask: [B, K] bool → [B, K].</summary>
    public static Tensor MaskedSoftmax(Tensor scores, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var s = scores.masked_fill(mask.logical_not(), Scalars.MaskedScore);
        var e = s.sub(s.amax([1], keepdim: true).detach()).exp() * mask;
        return (e / e.sum(1, keepdim: true).clamp_min(Scalars.Tiny)).MoveToOuterDisposeScope();
    }

    /// <summary>The weighting and decoding from precomputed terms. zNb: [B, K, D], stationTerm, geoTerm: [B, K, Hs],
    /// value (latest scaled PM2.5), logDistance: [B, K], geo: [B, K, G], mask: [B, K] bool → (ŷ [B, H], w [B, K]).</summary>
    public (Tensor Prediction, Tensor Weights) Combine(Tensor zNb, Tensor stationTerm, Tensor geoTerm, Tensor value,
        Tensor logDistance, Tensor geo, Tensor mask, Tensor? baseValue = null)
    {
        using var scores = scorer.Scores(stationTerm, geoTerm, logDistance);
        return WeightAndDecode(scores, zNb, value, geo, mask, baseValue);
    }

    /// <summary>Softmax weights over the unmasked neighbours and the decoded estimate. scores, value, mask: [B, K],
    /// zNb: [B, K, D], geo: [B, K, G] → (ŷ [B, H], w [B, K]). baseValue: [B], the kriging base
    /// (<see cref="KrigingEstimate"/>; NaN = use v̄), or null for v̄.</summary>
    public (Tensor Prediction, Tensor Weights) WeightAndDecode(Tensor scores, Tensor zNb, Tensor value, Tensor geo, Tensor mask, Tensor? baseValue = null)
    {
        using var scope = NewDisposeScope();
        var w = MaskedSoftmax(scores, mask);                                                    // [B, K]
        var v = value.masked_fill(mask.logical_not(), Scalars.Zero);
        var h = w.unsqueeze(1).bmm(zNb).squeeze(1);                                             // [B, D]
        var vbar = (w * v).sum(1);                                                               // [B]
        var spread = (w * v.sub(vbar.unsqueeze(1)).square()).sum(1).add(Scalars.SpreadFloor, Scalars.One).sqrt(); // [B]
        var dist = (w * geo.select(-1, 0)).sum(1);                                                // [B]
        var bearing = w.unsqueeze(1).bmm(geo.narrow(-1, 2, 2)).squeeze(1);                        // [B, 2]
        var y = decoder.Decode(h, vbar, spread, dist, bearing, baseValue is null ? null : where(baseValue.isnan(), vbar, baseValue));
        return (y.MoveToOuterDisposeScope(), w.MoveToOuterDisposeScope());
    }

    /// <summary>The kriging base: Σ λᵢ vᵢ / Σ λᵢ over the observed neighbours, NaN where |Σ λᵢ| is too small (the
    /// decoder then uses v̄). λ: the OK weights of all K neighbours, v: [B, K], mask: [B, K] bool → [B].</summary>
    public static Tensor KrigingEstimate(Tensor lambda, Tensor v, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var lm = lambda.masked_fill(mask.logical_not(), Scalars.Zero);
        var sum = lm.sum(1);
        var ok = sum.abs().gt(Scalars.KrigingMinWeight);
        var kv = (lm * v.masked_fill(mask.logical_not(), Scalars.Zero)).sum(1) / where(ok, sum, ones_like(sum));
        return kv.masked_fill(ok.logical_not(), Scalars.NaN).MoveToOuterDisposeScope();
    }

    /// <summary>The whole model from neighbour windows. x: [B, K, W, F], geo: [B, K, G], distKm, value: [B, K],
    /// mask: [B, K] bool, baseValue: [B] the kriging base (with one; see <see cref="KrigingEstimate"/>) → (ŷ [B, H]
    /// scaled, w [B, K]).</summary>
    public (Tensor Prediction, Tensor Weights) Forward(Tensor x, Tensor geo, Tensor distKm, Tensor value, Tensor mask, Tensor? baseValue = null)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], k = x.shape[1];
        var z = Encode(x.reshape(b * k, x.shape[2], x.shape[3])).view(b, k, -1);              // [B, K, D]
        var (y, w) = Combine(z, StationTerm(z, value), GeoTerm(geo), value, LogDistance(distKm), geo, mask, baseValue);
        return (y.MoveToOuterDisposeScope(), w.MoveToOuterDisposeScope());
    }

    internal (float[] Weights, float Bias) ScoreOutput() => scorer.OutputLayer();

    internal (float[] Weights, float[] Bias) DecoderFirstLayer() => decoder.FirstLayer();

    /// <summary>Inputs of the decoder's first layer after the interpolated feature.</summary>
    internal int DecoderExtraInputs => decoder.ExtraInputs;

    // logDistance: [..., K] → −β·ln(d + offset)
    internal Tensor Prior(Tensor logDistance) => scorer.Prior(logDistance);

    // z: [N, D] → [N, Dh]
    internal Tensor ProjectFeatures(Tensor z) => decoder.ProjectFeatures(z);

    // pre: [B, Dh], vbar: [B] → [B, H]
    internal Tensor DecodeHidden(Tensor pre, Tensor vbar) => decoder.DecodeHidden(pre, vbar);
}
