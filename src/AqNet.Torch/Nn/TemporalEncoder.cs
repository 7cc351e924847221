using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>AQ-Net's encoder: LSTM over the window → multi-head self-attention over time with residual →
/// temporal pooling, giving one vector [B, Hidden] per station window.</summary>
public sealed class TemporalEncoder : Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly TemporalSelfAttention attention;
    private readonly TemporalPooling pooling;
    private readonly FeatureSelector features;

    public TemporalEncoder(string name, AqNetOptions options) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        features = new FeatureSelector(options);
        // Dropout between stacked LSTM layers only (PyTorch semantics); none with one layer.
        lstm = LSTM(options.SelectedFeatures, options.Hidden, options.Layers, batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        attention = new TemporalSelfAttention("attention", options.Hidden, options.Heads, options.Dropout);
        pooling = new TemporalPooling("pooling", options.Hidden, options.Pooling);
        OutputSize = options.Hidden;
        RegisterComponents();
    }

    /// <summary>D of the pooled vector.</summary>
    public int OutputSize { get; }

    // x: [B, W, F] → [B, D]
    public override Tensor forward(Tensor x)
    {
        using var steps = Steps(x);
        using var attended = attention.forward(steps);
        return pooling.forward(attended);
    }

    /// <summary>The pooled vector [B, D] and the self-attention weights [B, heads, W, W] (rows sum to 1).</summary>
    public (Tensor Pooled, Tensor Weights) EncodeWithAttention(Tensor x)
    {
        using var steps = Steps(x);
        var (attended, weights) = attention.Attend(steps);
        using (attended) return (pooling.forward(attended), weights);
    }

    // x: [B, W, F] → LSTM outputs Z: [B, W, D]
    private Tensor Steps(Tensor x)
    {
        var selected = features.Select(x);
        var (output, h, c) = lstm.forward(selected);
        h.Dispose();
        c.Dispose();
        if (!ReferenceEquals(selected, x)) selected.Dispose();
        return output;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) features.Dispose();
        base.Dispose(disposing);
    }
}
