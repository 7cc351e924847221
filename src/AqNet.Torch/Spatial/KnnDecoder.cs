using AqNet.Torch.Runtime;
using TorchSharp;
using AqNet.Torch.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Spatial;

/// <summary>Decodes the interpolated feature into PM2.5 at the query as a residual on the attention-weighted mean of
/// the neighbours' latest PM2.5 (or on the kriging base, <see cref="NeuralKnnOptions.KrigingBase"/>): ŷ_h = v̄ + MLP([h, v̄, s_v, d̄, b̄])_h with s_v the weighted spread of the neighbour values,
/// d̄ the weighted scaled distance (how far the query is from its data) and b̄ the weighted mean bearing vector (sin, cos:
/// on which side the data lie, e.g. a query at the network's edge, where interpolators are biased towards the centre). The last layer starts at zero, so an
/// untrained decoder returns v̄: learning starts from a sound interpolator and only has to learn corrections.</summary>
public sealed class KnnDecoder : Module
{
    public const int Extra = 5;

    private readonly Linear first;
    private readonly Dropout dropout;
    private readonly Linear output;

    /// <param name="krigingInput">With a kriging base the decoder also reads (base − v̄), how far kriging and the
    /// learned weights disagree.</param>
    /// <param name="correctionScale">Outside training the correction is multiplied by this (<see cref="NeuralKnnOptions.CorrectionScale"/>).</param>
    public KnnDecoder(string name, int featureSize, int hidden, int outputs, double dropout, bool krigingInput = false, double correctionScale = 1) : base(name)
    {
        Guard.AtLeast(featureSize, 1, nameof(featureSize));
        Guard.AtLeast(hidden, 1, nameof(hidden));
        Guard.AtLeast(outputs, 1, nameof(outputs));
        Guard.Probability(dropout, nameof(dropout));
        KrigingInput = krigingInput;
        CorrectionScale = correctionScale;
        ExtraInputs = Extra + (krigingInput ? 1 : 0);
        first = Linear(featureSize + ExtraInputs, hidden);
        this.dropout = Dropout(dropout);
        output = Linear(hidden, outputs);
        using (no_grad())
        {
            init.zeros_(output.weight);
            init.zeros_(output.bias);
        }
        RegisterComponents();
    }

    /// <summary>Inputs after h: v̄, s_v, d̄, b̄ (2) and, with a kriging input, base − v̄.</summary>
    public int ExtraInputs { get; }

    public bool KrigingInput { get; }

    public double CorrectionScale { get; }

    // h: [B, D], vbar, spread, dist: [B], bearing: [B, 2], baseValue: [B] or null (= vbar) → ŷ: [B, H] (scaled PM2.5)
    public Tensor Decode(Tensor h, Tensor vbar, Tensor spread, Tensor dist, Tensor bearing, Tensor? baseValue = null)
    {
        using var scope = NewDisposeScope();
        baseValue ??= vbar;   // no kriging weights given: the base is v̄ (and base − v̄ = 0)
        Tensor[] parts = KrigingInput
            ? [h, vbar.unsqueeze(1), spread.unsqueeze(1), dist.unsqueeze(1), bearing, (baseValue - vbar).unsqueeze(1)]
            : [h, vbar.unsqueeze(1), spread.unsqueeze(1), dist.unsqueeze(1), bearing];
        var input = cat(parts, 1);
        return DecodeHidden(first.forward(input), baseValue).MoveToOuterDisposeScope();
    }

    /// <summary>The decoder after its first layer. pre: [B, Dh] (first layer output, before the activation),
    /// baseValue: [B] (v̄, or the kriging base) → ŷ: [B, H].</summary>
    public Tensor DecodeHidden(Tensor pre, Tensor baseValue)
    {
        using var scope = NewDisposeScope();
        var residual = output.forward(dropout.forward(functional.gelu(pre)));
        if (!training && CorrectionScale != 1)   // shrinkage at inference only
        {
            using var scale = ((float)CorrectionScale).ToScalar();
            residual = residual.mul(scale);
        }
        // An explicit alpha that stays alive (Runtime.Scalars): `a + b` makes a temporary Scalar that only the GC frees.
        return baseValue.unsqueeze(1).add(residual, Scalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>The first layer as arrays (weights [Dh, D + ExtraInputs] row-major, bias [Dh]) for <see cref="KnnKernel"/>.</summary>
    internal (float[] Weights, float[] Bias) FirstLayer() =>
        (first.weight!.data<float>().ToArray(), first.bias!.data<float>().ToArray());

    // z: [N, D] → u = W_h z: [N, Dh], the first layer's part that is linear in the interpolated feature
    internal Tensor ProjectFeatures(Tensor z)
    {
        using var wh = first.weight!.narrow(1, 0, z.shape[^1]);
        return z.matmul(wh.t());
    }
}
