using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>Pools step vectors [B, T, D] into one vector per station [B, D]: mean, last step, or learned
/// softmax weights over time (a D → 1 score per step).</summary>
public sealed class TemporalPooling : Module<Tensor, Tensor>
{
    private readonly Linear? score;
    private readonly Pooling mode;

    public TemporalPooling(string name, int dim, Pooling mode) : base(name)
    {
        Guard.AtLeast(dim, 1, nameof(dim));
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown pooling");
        this.mode = mode;
        // Only attention pooling has weights; a null field is simply not registered.
        score = mode == Pooling.Attention ? Linear(dim, 1) : null;
        RegisterComponents();
    }

    // z: [B, T, D] → [B, D]
    public override Tensor forward(Tensor z)
    {
        switch (mode)
        {
            case Pooling.Mean: return z.mean([1]);
            case Pooling.Last: return z.select(1, -1);
            default:
                using (NewDisposeScope())
                {
                    // w: [B, T, 1], softmax over time
                    var w = score!.forward(z).softmax(1);
                    return (w * z).sum(1).MoveToOuterDisposeScope();
                }
        }
    }
}
