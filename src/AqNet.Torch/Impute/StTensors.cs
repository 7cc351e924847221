using static TorchSharp.torch;

namespace AqNet.Torch.Impute;

/// <summary>A host batch as tensors: x [B, N, W, F], t [B, W, C], node weight [B, N], y and loss mask [B, N, W].</summary>
internal static class StTensors
{
    public static (Tensor X, Tensor T, Tensor Weight, Tensor Y, Tensor Mask) Of(StBatch b, int rows)
    {
        const int F = StOptions.NodeFeatures;
        var x = tensor(b.X.AsSpan(0, rows * b.N * b.W * F).ToArray(), [rows, b.N, b.W, F]);
        var t = tensor(b.Time.AsSpan(0, rows * b.W * b.C).ToArray(), [rows, b.W, b.C]);
        var weight = tensor(b.Weight.AsSpan(0, rows * b.N).ToArray(), [rows, b.N]);
        var y = tensor(b.Y.AsSpan(0, rows * b.N * b.W).ToArray(), [rows, b.N, b.W]);
        var m = tensor(b.Loss.AsSpan(0, rows * b.N * b.W).ToArray(), [rows, b.N, b.W]);
        return (x, t, weight, y, m);
    }

    /// <summary>Pinball (quantile) loss summed over the quantiles, averaged over the masked cells. pred [B, N, W, Q]; y, mask [B, N, W].</summary>
    public static Tensor Pinball(Tensor pred, Tensor y, Tensor mask, Tensor quantiles)
    {
        using var scope = NewDisposeScope();
        var diff = y.unsqueeze(-1).sub(pred);                                         // [B, N, W, Q]
        var loss = maximum(diff.mul(quantiles), diff.mul(quantiles.sub(Runtime.Scalars.One)));
        var perCell = where(mask.gt(Runtime.Scalars.Zero), loss.sum(-1), zeros_like(mask));
        return perCell.sum().div(mask.sum().clamp_min(Runtime.Scalars.One)).MoveToOuterDisposeScope();
    }
}
