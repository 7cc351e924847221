using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

public sealed class WeightAverageTests
{
    public WeightAverageTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Fact]
    public void Averages_with_the_warmed_up_decay_and_two_swaps_restore_the_iterate()
    {
        using var p = nn.Parameter(tensor(new float[] { 0, 10 }));
        using var avg = new WeightAverage([p], 0.5);
        // Step 0: d = min(0.5, 1/10) = 0.1 → 0.1·(0, 10) + 0.9·(2, 20) = (1.8, 19).
        using (no_grad()) p.copy_(tensor(new float[] { 2, 20 }));
        avg.Update();
        // Step 1: d = min(0.5, 2/11) = 2/11 → (2/11)·1.8 + (9/11)·4 = 3.6; (2/11)·19 + (9/11)·30 = 28.
        using (no_grad()) p.copy_(tensor(new float[] { 4, 30 }));
        avg.Update();
        Assert.Equal(2, avg.Steps);
        avg.Swap();
        Assert.Equal(3.6f, p[0].item<float>(), 5);
        Assert.Equal(28f, p[1].item<float>(), 4);
        avg.Swap();
        Assert.Equal(new float[] { 4, 30 }, p.data<float>().ToArray());
    }
}

public sealed class AverageDecayOptionTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void Bad_decays_are_refused_naming_the_option(double decay)
    {
        var temporal = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainOptions { AverageDecay = decay }.Validate());
        Assert.Equal("AverageDecay", temporal.ParamName);
        var spatial = Assert.Throws<ArgumentOutOfRangeException>(() => new AqNet.Torch.Spatial.NeuralKnnTrainOptions { AverageDecay = decay }.Validate());
        Assert.Contains("expected 0 (off) or a decay in (0, 1)", spatial.Message, StringComparison.Ordinal);
    }
}
