using AqNet.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>The "patchtst" baseline (Nie et al. 2023). Each channel's window is cut into overlapping patches
/// (length P, stride P/2), embedded, given a learned position, and encoded by ONE Transformer encoder shared by all
/// channels, each channel separately (channel independence). Unlike the original, which forecasts every channel
/// from its own representation, we only need PM2.5: the head flattens the encoded patches of all C channels
/// [B, C·N·D] and maps them linearly to the H steps, so covariates enter through the head only. No RevIN: inputs are
/// already standardised on the training part.</summary>
public sealed class PatchTstModel : ForecastModel
{
    private readonly Linear embed;
    private readonly Parameter position;
    private readonly Dropout dropout;
    private readonly TransformerEncoder encoder;
    private readonly ForecastHead head;
    private readonly FeatureSelector features;
    private readonly int patchLength;
    private readonly int stride;

    public PatchTstModel(AqNetOptions options, string name = "patchtst") : base(name, options)
    {
        patchLength = options.EffectivePatchLength;
        stride = options.EffectivePatchStride;
        if (patchLength > options.Window)
            throw new ArgumentOutOfRangeException(nameof(options), patchLength, $"patch length {patchLength} exceeds the window {options.Window}");
        features = new FeatureSelector(options);
        embed = Linear(patchLength, options.Hidden);
        // Small random init like the original's learned positional encoding.
        position = Parameter(randn(options.PatchCount, options.Hidden).mul_(0.02));
        dropout = Dropout(options.Dropout);
        var layer = TransformerEncoderLayer(options.Hidden, options.Heads, 2 * options.Hidden, options.Dropout, Activations.GELU);
        encoder = TransformerEncoder(layer, options.Layers);
        EncodedSize = options.SelectedFeatures * options.PatchCount * options.Hidden;
        head = new ForecastHead("head", EncodedSize, options.Horizon, options.Dropout);
        RegisterComponents();
    }

    public override int EncodedSize { get; }

    // x: [B, W, F] → flattened patch encodings [B, C·N·D]
    public override Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        var channels = features.Select(x).permute(0, 2, 1);                  // [B, C, W]
        long b = channels.shape[0], c = channels.shape[1];
        var patches = channels.unfold(2, patchLength, stride);               // [B, C, N, P]
        var tokens = dropout.forward(embed.forward(patches).add(position, Scalars.One)); // [B, C, N, D]
        long n = tokens.shape[2], d = tokens.shape[3];
        // TorchSharp's encoder is sequence-first: [N, B·C, D]
        var seq = tokens.reshape(b * c, n, d).transpose(0, 1);
        var encoded = encoder.call(seq).transpose(0, 1);                    // [B·C, N, D]
        return encoded.reshape(b, c * n * d).MoveToOuterDisposeScope();
    }

    // z: [B, C·N·D] → [B, H]
    public override Tensor Head(Tensor z) => head.forward(z);

    protected override void Dispose(bool disposing)
    {
        if (disposing) features.Dispose();
        base.Dispose(disposing);
    }
}
