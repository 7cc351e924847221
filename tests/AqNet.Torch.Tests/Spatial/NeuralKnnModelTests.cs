using AqNet.Torch.Runtime;
using AqNet.Torch.Spatial;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests.Spatial;

public sealed class NeuralKnnModelTests
{
    public NeuralKnnModelTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static NeuralKnnModel Randomised(int horizons = 1)
    {
        manual_seed(11);
        var o = KnnFixtures.Options with { Horizons = horizons == 1 ? [0] : [0, 6, 12], DistanceScaleKm = 10 };
        var model = new NeuralKnnModel(o);
        // The score and decoder output layers start at zero (IDW-like start); randomise everything so the checks
        // below exercise learned weights, not the prior alone.
        using (no_grad()) foreach (var p in model.parameters()) p.copy_(randn_like(p) * 0.5);
        model.eval();
        return model;
    }

    private static (Tensor X, Tensor Geo, Tensor Dist, Tensor Value) Inputs(long b, long k, NeuralKnnOptions o)
    {
        var dist = rand(b, k) * 20;
        var geo = stack([dist / 10, (dist / 10).log1p(), rand(b, k) * 2 - 1, rand(b, k) * 2 - 1, rand(b, k)], -1);   // [B, K, G]
        return (randn(b, k, o.Window, o.Features), geo, dist, randn(b, k));
    }

    [Fact]
    public void Forward_gives_batch_by_horizons_and_batch_by_k_weights()
    {
        using var model = Randomised(horizons: 3);
        using var scope = NewDisposeScope();
        var (x, geo, dist, v) = Inputs(5, 4, model.Options);
        var (y, w) = model.Forward(x, geo, dist, v, ones(5, 4, ScalarType.Bool));
        Assert.Equal([5L, 3L], y.shape);
        Assert.Equal([5L, 4L], w.shape);
        Assert.Equal([20L, 8L], model.Encode(x.view(20, model.Options.Window, -1)).shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Fact]
    public void Weights_sum_to_one_over_unmasked_neighbours_and_masked_ones_get_zero()
    {
        using var model = Randomised();
        using var scope = NewDisposeScope();
        var (x, geo, dist, v) = Inputs(6, 5, model.Options);
        var mask = tensor(new[]
        {
            true, true, true, true, true,   false, true, false, true, true,   true, false, false, false, false,
            false, false, false, false, true,   true, true, false, false, true,   false, false, false, false, false,
        }, [6, 5]);
        var (y, w) = model.Forward(x, geo, dist, v, mask);
        var sums = w.sum(1).data<float>().ToArray();
        for (var r = 0; r < 5; r++) Assert.Equal(1f, sums[r], 5);
        Assert.Equal(0f, sums[5]);                                        // no neighbour observed: no weight at all
        Assert.Equal(0f, w.masked_select(mask.logical_not()).abs().max().item<float>());
        Assert.True(w.masked_select(mask).gt(0).all().item<bool>());
        // A masked neighbour's value must not matter: change it wildly, the estimate stays.
        var v2 = v.masked_fill(mask.logical_not(), 1e4f);
        var (y2, _) = model.Forward(x, geo, dist, v2, mask);
        Assert.Equal(0f, (y2 - y).narrow(0, 0, 5).abs().max().item<float>(), 4);
    }

    [Fact]
    public void Options_reject_NaN_and_bad_values_naming_the_parameter()
    {
        var o = KnnFixtures.Options;
        Assert.Equal("DistanceOffsetKm", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { DistanceOffsetKm = double.NaN }).Validate()).ParamName);
        Assert.Equal("Ks", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { Ks = [0] }).Validate()).ParamName);
        Assert.Equal("Variables", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { Variables = ["PM10", "PM2.5"] }).Validate()).ParamName);
        Assert.Equal("Horizons", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { Horizons = [0, 0] }).Validate()).ParamName);
    }
}
