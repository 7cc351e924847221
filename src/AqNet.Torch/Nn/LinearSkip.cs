using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>A linear path from the raw window to the horizon, added to the network's output (LSTNet's "highway",
/// Lai et al. 2018): the last L = min(24, W) hours of every selected channel plus, for W &gt; 24, each earlier whole
/// day's mean, through one Linear(→ H). It holds what a ridge regression on lags can learn, so the LSTM and attention
/// only have to learn what is non-linear. Zero-initialised: training starts from the plain network.</summary>
public sealed class LinearSkip : Module<Tensor, Tensor>
{
    private readonly Linear linear;
    private readonly FeatureSelector features;
    private readonly int lags, days, window;

    public LinearSkip(string name, AqNetOptions options) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        features = new FeatureSelector(options);
        window = options.Window;
        lags = Math.Min(24, window);
        days = (window - lags) / 24;
        var c = options.SelectedFeatures;
        linear = Linear((lags + days) * c, options.Horizon);
        using (no_grad())
        {
            linear.weight!.zero_();
            linear.bias!.zero_();
        }
        RegisterComponents();
    }

    // x: [B, W, F] → [B, H]
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var s = features.Select(x);                              // [B, W, C]
        var b = s.shape[0];
        var recent = s.narrow(1, window - lags, lags).reshape(b, -1); // [B, L·C]
        var input = recent;
        if (days > 0)
        {
            var c = s.shape[2];
            var daily = s.narrow(1, window - lags - days * 24, days * 24)
                .reshape(b, days, 24, c).mean([2]).reshape(b, -1);   // [B, days·C]
            input = cat([daily, recent], 1);
        }
        return linear.forward(input).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) features.Dispose();
        base.Dispose(disposing);
    }
}
