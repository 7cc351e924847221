using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>The "lstm" baseline: AQ-Net's LSTM, pooling and head without the self-attention, so comparing the two
/// isolates what attention adds.</summary>
public sealed class LstmModel : ForecastModel
{
    private readonly LSTM lstm;
    private readonly TemporalPooling pooling;
    private readonly ForecastHead head;
    private readonly FeatureSelector features;

    public LstmModel(AqNetOptions options, string name = "lstm") : base(name, options)
    {
        features = new FeatureSelector(options);
        lstm = LSTM(options.SelectedFeatures, options.Hidden, options.Layers, batchFirst: true,
            dropout: options.Layers > 1 ? options.Dropout : 0);
        pooling = new TemporalPooling("pooling", options.Hidden, options.Pooling);
        head = new ForecastHead("head", options.Hidden, options.Horizon, options.Dropout);
        RegisterComponents();
    }

    public override int EncodedSize => Options.Hidden;

    // x: [B, W, F] → [B, D]
    public override Tensor Encode(Tensor x)
    {
        var selected = features.Select(x);
        var (output, h, c) = lstm.forward(selected);
        h.Dispose();
        c.Dispose();
        if (!ReferenceEquals(selected, x)) selected.Dispose();
        using (output) return pooling.forward(output);
    }

    // z: [B, D] → [B, H]
    public override Tensor Head(Tensor z) => head.forward(z);

    protected override void Dispose(bool disposing)
    {
        if (disposing) features.Dispose();
        base.Dispose(disposing);
    }
}
