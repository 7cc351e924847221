using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

/// <summary>The linear skip path: a Linear from the last min(24, W) hours (and earlier whole days' means) of every
/// selected channel to the horizon, zero at initialisation, registered (so trained and saved) with the model.</summary>
public sealed class LinearSkipTests
{
    public LinearSkipTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Fact]
    public void Starts_at_zero_and_is_registered_with_input_size_lags_plus_days_times_channels()
    {
        manual_seed(5);
        var options = Fixtures.Options(72, 3, hidden: 8) with { LinearSkip = true };   // W = 72: 24 lags + 2 earlier days
        using var model = new AqNetModel(options);
        model.eval();
        var skip = model.named_parameters().Where(p => p.name.StartsWith("skip.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, skip.Count);
        Assert.Equal(new long[] { 3, (24 + 2) * options.InputFeatures }, skip.Single(p => p.name.EndsWith("weight", StringComparison.Ordinal)).parameter.shape);
        using var x = randn(4, 72, options.InputFeatures);                             // x: [B, W, F]
        using var a = model.forward(x);
        using var z = model.Encode(x);
        using var plain = model.Head(z);
        Assert.True((a - plain).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Adds_a_linear_function_of_the_recent_hours_and_the_earlier_daily_means()
    {
        manual_seed(6);
        var options = Fixtures.Options(48, 1, hidden: 8) with { LinearSkip = true };   // 24 lags + 1 earlier day
        using var model = new AqNetModel(options);
        model.eval();
        var f = options.InputFeatures;
        var weight = model.named_parameters().Single(p => p.name == "skip.linear.weight").parameter;
        using (no_grad()) weight.fill_(1f);                                             // skip = Σ inputs (+ bias 0)
        using var x = randn(3, 48, f);
        using var withSkip = model.forward(x);
        using var z = model.Encode(x);
        using var plain = model.Head(z);
        using var recent = x.narrow(1, 24, 24).sum([1, 2]);                             // [B]
        using var day = x.narrow(1, 0, 24).mean([1]).sum([1]);                          // [B]
        using var expected = (recent + day).unsqueeze(1);
        Assert.True((withSkip - plain - expected).abs().max().item<float>() < 1e-3f);
    }
}
