using AqNet.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>Multi-head self-attention over the time steps with the paper's residual:
/// Z' = W_o · softmax(Q Kᵀ / √d_head) V + Z. Written by hand (not nn.MultiheadAttention) so the weights
/// [B, heads, T, T] are available for analysis.</summary>
public sealed class TemporalSelfAttention : Module<Tensor, Tensor>
{
    private readonly Linear qkv;
    private readonly Linear output;
    private readonly Dropout dropout;
    private readonly int heads;
    private readonly double dropoutP;

    public TemporalSelfAttention(string name, int dim, int heads, double dropout) : base(name)
    {
        Guard.AtLeast(dim, 1, nameof(dim));
        Guard.AtLeast(heads, 1, nameof(heads));
        Guard.Probability(dropout, nameof(dropout));
        if (dim % heads != 0) throw new ArgumentOutOfRangeException(nameof(heads), heads, $"heads = {heads} must divide dim = {dim}");
        this.heads = heads;
        dropoutP = dropout;
        // Q, K and V projections fused in one [D → 3D] matmul (as nn.MultiheadAttention does): fewer kernel calls.
        qkv = Linear(dim, 3 * dim);
        output = Linear(dim, dim);
        this.dropout = Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Z' for z [B, T, D]. Uses the fused kernel; numerically the same as <see cref="Attend"/>.</summary>
    public override Tensor forward(Tensor z)
    {
        var (q, k, v) = Project(z);
        // ctx: [B, h, T, dh]
        using var ctx = nn.functional.scaled_dot_product_attention(q, k, v, p: training ? dropoutP : 0);
        q.Dispose(); k.Dispose(); v.Dispose();
        return Merge(ctx, z);
    }

    /// <summary>Z' [B, T, D] and the attention weights [B, heads, T, T] (each row sums to 1).</summary>
    public (Tensor Output, Tensor Weights) Attend(Tensor z)
    {
        var (q, k, v) = Project(z);
        using var scope = NewDisposeScope();
        var dHead = q.shape[3];
        // scores, weights: [B, h, T, T]
        using var scale = Math.Sqrt(dHead).ToScalar();
        var scores = q.matmul(k.transpose(-2, -1)).div_(scale);
        var weights = scores.softmax(-1);
        // ctx: [B, h, T, dh]
        var ctx = dropout.forward(weights).matmul(v);
        var result = Merge(ctx, z);
        q.Dispose(); k.Dispose(); v.Dispose();
        return (result.MoveToOuterDisposeScope(), weights.MoveToOuterDisposeScope());
    }

    // z: [B, T, D] → q, k, v: [B, h, T, dh]
    private (Tensor Q, Tensor K, Tensor V) Project(Tensor z)
    {
        long b = z.shape[0], t = z.shape[1], d = z.shape[2];
        using var all = qkv.forward(z).view(b, t, 3, heads, d / heads);   // [B, T, 3, h, dh]
        using var perm = all.permute(2, 0, 3, 1, 4);                      // [3, B, h, T, dh]
        return (perm[0], perm[1], perm[2]);
    }

    // ctx: [B, h, T, dh] → W_o(concat heads) + z: [B, T, D]
    private Tensor Merge(Tensor ctx, Tensor z)
    {
        using var joined = ctx.transpose(1, 2).reshape(z.shape);
        using var projected = output.forward(joined);
        return projected.add(z, Scalars.One);
    }
}
