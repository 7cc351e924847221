using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

public sealed class MaskedLossTests
{
    public MaskedLossTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Fact]
    public void Mse_is_the_mean_over_observed_targets_only()
    {
        using var scope = NewDisposeScope();
        var pred = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        var y = tensor(new float[] { 0, 2, 1, 0 }, [2, 2]);
        var mask = tensor(new float[] { 1, 1, 1, 0 }, [2, 2]);
        // (1² + 0² + 2²) / 3
        Assert.Equal(5f / 3, MaskedLoss.Mse(pred, y, mask).item<float>(), 5);
    }

    [Theory]
    [InlineData(1e6f)]
    [InlineData(-3f)]
    [InlineData(float.NaN)]
    public void A_masked_target_can_be_anything(float junk)
    {
        using var scope = NewDisposeScope();
        var pred = tensor(new float[] { 1, 2, 3, 4 }, [2, 2], requires_grad: true);
        var mask = tensor(new float[] { 1, 0, 1, 1 }, [2, 2]);
        var clean = MaskedLoss.Mse(pred, tensor(new float[] { 0, 0, 1, 1 }, [2, 2]), mask);
        var dirty = MaskedLoss.Mse(pred, tensor(new float[] { 0, junk, 1, 1 }, [2, 2]), mask);
        Assert.Equal(clean.item<float>(), dirty.item<float>());
        dirty.backward();
        Assert.Equal(0f, pred.grad!.view(-1)[1].item<float>());   // no gradient through the masked target
    }

    [Fact]
    public void All_masked_batch_gives_zero_not_nan()
    {
        using var scope = NewDisposeScope();
        var loss = MaskedLoss.Mse(ones(2, 3), zeros(2, 3), zeros(2, 3));
        Assert.Equal(0f, loss.item<float>());
    }
}
