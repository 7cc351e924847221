using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

public sealed class GradientClipTests
{
    public GradientClipTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Theory]
    [InlineData(1.0, 1.0)]     // global norm 5 → scaled down to 1
    [InlineData(10.0, 5.0)]    // already below the limit → untouched
    public void Clips_to_the_global_norm_only_when_above_it(double maxNorm, double expectedNorm)
    {
        using var a = nn.Parameter(zeros(2));
        using var b = nn.Parameter(zeros(1));
        using (var s = (a * tensor(new float[] { 3, 0 })).sum() + (b * 4).sum()) s.backward();   // grads (3, 0) and (4): norm 5
        Assert.Equal(5.0, GradientClip.ByGlobalNorm([a, b], maxNorm), 4);
        var after = Math.Sqrt(a.grad!.square().sum().item<float>() + b.grad!.square().sum().item<float>());
        Assert.Equal(expectedNorm, after, 4);
        Assert.Equal(0.75, a.grad![0].item<float>() / b.grad![0].item<float>(), 5);   // direction kept
    }
}
