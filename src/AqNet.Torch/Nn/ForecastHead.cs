using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>The shared read-out: dropout then Linear(D → H), every horizon step at once (no autoregression).</summary>
public sealed class ForecastHead : Module<Tensor, Tensor>
{
    private readonly Dropout dropout;
    private readonly Linear linear;

    public ForecastHead(string name, int inputSize, int horizon, double dropout) : base(name)
    {
        Guard.AtLeast(inputSize, 1, nameof(inputSize));
        Guard.AtLeast(horizon, 1, nameof(horizon));
        Guard.Probability(dropout, nameof(dropout));
        this.dropout = Dropout(dropout);
        linear = Linear(inputSize, horizon);
        RegisterComponents();
    }

    // z: [B, D] → [B, H]
    public override Tensor forward(Tensor z)
    {
        using var d = dropout.forward(z);
        return linear.forward(d);
    }
}
