using AqNet.Core.Experiments;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

public sealed class ModelShapeTests
{
    public ModelShapeTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Theory]
    [InlineData(TemporalModelKind.Aqnet, 24, 6)]
    [InlineData(TemporalModelKind.Aqnet, 336, 7)]
    [InlineData(TemporalModelKind.AqnetNoCe, 24, 12)]
    [InlineData(TemporalModelKind.AqnetNoCe, 336, 2)]
    [InlineData(TemporalModelKind.Lstm, 24, 24)]
    [InlineData(TemporalModelKind.Lstm, 336, 4)]
    [InlineData(TemporalModelKind.PatchTst, 24, 6)]
    [InlineData(TemporalModelKind.PatchTst, 336, 7)]
    public void Forward_gives_batch_by_horizon_and_encode_gives_encoded_size(TemporalModelKind kind, int w, int h)
    {
        var options = Fixtures.Options(w, h) with
        {
            FeatureIndices = AqNetOptions.SelectFeatures(Fixtures.Names, kind != TemporalModelKind.AqnetNoCe),
        };
        using var model = ModelFactory.Create(kind, options);
        model.eval();
        using var scope = NewDisposeScope();
        var x = randn(3, w, Fixtures.Names.Length);
        var z = model.Encode(x);
        var y = model.forward(x);
        Assert.Equal([3L, model.EncodedSize], z.shape);
        Assert.Equal([3L, h], y.shape);
        Assert.Equal([3L, h], model.Head(z).shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData(24, 6, 3, 7)]      // patch 6, stride 3 → 7 patches
    [InlineData(336, 24, 12, 27)]  // patch 24, stride 12 → 27 patches
    public void PatchTst_patching_follows_the_window(int w, int patch, int stride, int count)
    {
        var o = Fixtures.Options(w, 4);
        Assert.Equal(patch, o.EffectivePatchLength);
        Assert.Equal(stride, o.EffectivePatchStride);
        Assert.Equal(count, o.PatchCount);
        using var model = new PatchTstModel(o);
        Assert.Equal(Fixtures.Names.Length * count * o.Hidden, model.EncodedSize);
    }

    [Fact]
    public void Options_reject_bad_values_naming_the_parameter()
    {
        var o = Fixtures.Options(24, 6);
        Assert.Equal("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { Dropout = double.NaN }).Validate()).ParamName);
        Assert.Equal("Heads", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { Heads = 3 }).Validate()).ParamName);
        Assert.Equal("FeatureIndices", Assert.Throws<ArgumentOutOfRangeException>(() => (o with { FeatureIndices = [99] }).Validate()).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelFactory.Create(TemporalModelKind.Ridge, o));
    }
}
