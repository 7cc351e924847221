using AqNet.Core.Experiments;
using AqNet.Core.Windows;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;

namespace AqNet.Torch.Tests;

public sealed class NoCyclicTests
{
    public NoCyclicTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Theory]
    [InlineData(TemporalModelKind.AqnetNoCe, true)]
    [InlineData(TemporalModelKind.Aqnet, false)]
    public void Only_the_no_ce_variant_ignores_the_cyclic_features(TemporalModelKind kind, bool ignores)
    {
        var train = Fixtures.Windows(32, 24, 6);
        using var f = new TorchForecaster(kind, new TrainOptions { Epochs = 1, Seed = 1 }, Fixtures.Options(24, 6));
        f.Fit(train, train, Fixtures.Context(), null, CancellationToken.None);
        Assert.Equal(!ignores, f.Model!.Options.UseCyclic);
        var test = Fixtures.Windows(10, 24, 6, 3);
        var before = f.Predict(test, Fixtures.Context());
        var rng = new Random(2);
        foreach (var c in test.FeatureIndices("cyc:"))
            for (var i = c; i < test.X.Length; i += test.F) test.X[i] = (float)(rng.NextDouble() * 10 - 5);
        var after = f.Predict(test, Fixtures.Context());
        if (ignores) Assert.Equal(before, after);
        else Assert.NotEqual(before, after);
    }
}
