using static TorchSharp.torch;

namespace AqNet.Torch.Nn;

/// <summary>AQ-Net (Kheder et al. 2025): <see cref="TemporalEncoder"/> then a linear head for the whole horizon.
/// Whether the cyclic time features are used is decided by <see cref="AqNetOptions.FeatureIndices"/>.</summary>
public sealed class AqNetModel : ForecastModel
{
    private readonly TemporalEncoder encoder;
    private readonly ForecastHead head;

    public AqNetModel(AqNetOptions options, string name = "aqnet") : base(name, options)
    {
        encoder = new TemporalEncoder("encoder", options);
        head = new ForecastHead("head", options.Hidden, options.Horizon, options.Dropout);
        RegisterComponents();
    }

    public override int EncodedSize => encoder.OutputSize;

    public TemporalEncoder Encoder => encoder;

    // x: [B, W, F] → [B, D]
    public override Tensor Encode(Tensor x) => encoder.forward(x);

    // z: [B, D] → [B, H]
    public override Tensor Head(Tensor z) => head.forward(z);

    /// <summary>Predictions [B, H] and the attention weights [B, heads, W, W].</summary>
    public (Tensor Prediction, Tensor Weights) ForwardWithAttention(Tensor x)
    {
        var (z, weights) = encoder.EncodeWithAttention(x);
        using (z) return (Finish(head.forward(z), x), weights);
    }
}
