using AqNet.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Impute;

/// <summary>Multi-head self-attention across the nodes (target and neighbours) at each hour, with the residual:
/// z' = z + W_o · softmax(Q Kᵀ / √d + log w) V, where w is each key node's weight (absent nodes: −∞).</summary>
public sealed class NodeAttention : Module<Tensor, Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear output;
    private readonly LayerNorm norm;
    private readonly int heads;

    public NodeAttention(string name, int dim, int heads) : base(name)
    {
        this.heads = heads;
        qkv = Linear(dim, 3 * dim);
        output = Linear(dim, dim);
        norm = LayerNorm(dim);
        RegisterComponents();
    }

    // z: [M, N, D] (M = batch × hours), bias: [M, N] log weight of each key node → [M, N, D]
    public override Tensor forward(Tensor z, Tensor bias)
    {
        using var scope = NewDisposeScope();
        long m = z.shape[0], n = z.shape[1], d = z.shape[2];
        var all = qkv.forward(norm.forward(z)).view(m, n, 3, heads, d / heads).permute(2, 0, 3, 1, 4);   // [3, M, h, N, dh]
        var mask = bias.view(m, 1, 1, n).to_type(z.dtype);                                                  // [M, 1, 1, N]
        var ctx = nn.functional.scaled_dot_product_attention(all[0], all[1], all[2], attn_mask: mask);     // [M, h, N, dh]
        var joined = ctx.transpose(1, 2).reshape(m, n, d);
        return output.forward(joined).add(z, Scalars.One).MoveToOuterDisposeScope();
    }
}
