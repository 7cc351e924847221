using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

/// <summary>The residual to PM2.5's last value: forward = Head(Encode(x)) + mean of the last ResidualSpan values of
/// the residual feature, for every horizon step.</summary>
public sealed class ResidualTests
{
    public ResidualTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Forward_adds_the_mean_of_the_last_values_of_the_residual_feature(int span)
    {
        manual_seed(3);
        var options = Fixtures.Options(8, 3, hidden: 8) with { ResidualFeature = 1, ResidualSpan = span };
        using var model = new AqNetModel(options);
        model.eval();
        using var x = randn(5, 8, options.InputFeatures);                             // x: [B, W, F]
        using var withResidual = model.forward(x);                                      // [B, H]
        using var z = model.Encode(x);
        using var plain = model.Head(z);                                                // [B, H]
        using var expected = x.narrow(1, 8 - span, span).select(2, 1).mean([1], keepdim: true); // [B, 1]
        Assert.True((withResidual - plain - expected).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void Without_a_residual_feature_forward_is_the_plain_head()
    {
        var options = Fixtures.Options(8, 3, hidden: 8);
        using var model = new AqNetModel(options);
        model.eval();
        using var x = randn(2, 8, options.InputFeatures);
        using var a = model.forward(x);
        using var z = model.Encode(x);
        using var b = model.Head(z);
        Assert.True((a - b).abs().max().item<float>() < 1e-6f);
    }
}
