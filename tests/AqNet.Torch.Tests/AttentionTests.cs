using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

public sealed class AttentionTests
{
    public AttentionTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Theory]
    [InlineData(24, Pooling.Mean)]
    [InlineData(336, Pooling.Attention)]
    public void Weights_are_batch_heads_T_T_and_rows_sum_to_one(int w, Pooling pooling)
    {
        var o = Fixtures.Options(w, 6) with { Heads = 4, Pooling = pooling };
        using var model = new AqNetModel(o);
        model.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, w, Fixtures.Names.Length);
        var (pred, weights) = model.ForwardWithAttention(x);
        Assert.Equal([2L, 4, w, w], weights.shape);
        Assert.True(weights.sum(-1).sub(1).abs().max().item<float>() < 1e-5f);
        Assert.True(weights.min().item<float>() >= 0);
        // The explicit path (weights) and the fused path (training) compute the same thing.
        Assert.True(pred.allclose(model.forward(x), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Residual_keeps_the_input_when_the_output_projection_is_zero()
    {
        using var attention = new TemporalSelfAttention("a", 8, 2, 0);
        attention.eval();
        using var scope = NewDisposeScope();
        using (no_grad())
            foreach (var (name, p) in attention.named_parameters())
                if (name.StartsWith("output", StringComparison.Ordinal)) p.zero_();
        var z = randn(2, 5, 8);
        Assert.True(attention.forward(z).allclose(z));
    }
}
