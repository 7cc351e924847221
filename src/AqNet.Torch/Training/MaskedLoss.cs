using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Losses over observed targets only: a masked-out target contributes nothing, whatever its value.</summary>
public static class MaskedLoss
{
    /// <summary>sum(mask·(ŷ−y)²) / max(sum(mask), 1) as a scalar tensor. pred, target, mask: [B, H].</summary>
    public static Tensor Mse(Tensor pred, Tensor target, Tensor mask)
    {
        using var scope = NewDisposeScope();
        // where() rather than mask·diff so a NaN/Inf hidden under a 0 mask cannot leak into the sum.
        var diff = where(mask.gt(Scalars.Zero), pred.sub(target), zeros_like(pred));
        var loss = (diff.square() * mask).sum() / mask.sum().clamp_min(Scalars.One);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>sum(mask·|ŷ−y|) and sum(mask), for accumulating a MAE over batches. All [B, H].</summary>
    public static (double AbsSum, double Count) AbsErrorSum(Tensor pred, Tensor target, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var diff = where(mask.gt(Scalars.Zero), pred.sub(target), zeros_like(pred));
        return ((diff.abs() * mask).sum().item<float>(), mask.sum().item<float>());
    }

    /// <summary>sum(mask·(ŷ−y)²) and sum(mask), for accumulating a MSE over batches.</summary>
    public static (double SqSum, double Count) SquaredErrorSum(Tensor pred, Tensor target, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var diff = where(mask.gt(Scalars.Zero), pred.sub(target), zeros_like(pred));
        return ((diff.square() * mask).sum().item<float>(), mask.sum().item<float>());
    }
}
