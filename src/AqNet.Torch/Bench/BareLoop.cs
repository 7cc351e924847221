using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Bench;

/// <summary>The reference for the bench: what someone would write by hand in a few lines — nn.LSTM,
/// nn.MultiheadAttention with a residual, mean over time, a linear head, plain MSE, AdamW. No masks, no clipping.</summary>
internal sealed class BareLoop : Module<Tensor, Tensor>
{
    private readonly LSTM lstm;
    private readonly MultiheadAttention attention;
    private readonly Linear head;

    public BareLoop(int features, int hidden, int layers, int heads, int horizon, double dropout) : base("bare")
    {
        lstm = LSTM(features, hidden, layers, batchFirst: true, dropout: layers > 1 ? dropout : 0);
        attention = MultiheadAttention(hidden, heads, dropout);
        head = Linear(hidden, horizon);
        RegisterComponents();
    }

    // x: [B, T, F] → [B, H]
    public override Tensor forward(Tensor x)
    {
        var (z, _, _) = lstm.forward(x);                        // [B, T, D]
        var seq = z.transpose(0, 1);                            // nn.MultiheadAttention is sequence-first: [T, B, D]
        var (att, _) = attention.forward(seq, seq, seq, null!, false, null!);
        return head.forward((att + seq).mean([0]));             // [B, D] → [B, H]
    }
}
