using AqNet.Torch.Bench;
using AqNet.Torch.Runtime;

namespace AqNet.Torch.Tests;

public sealed class BenchTests
{
    // Speed itself is measured by `aqnet bench model` (see docs/benchmarks.md), never asserted in a test.
    public BenchTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    [Fact]
    public void Bench_measures_both_loops()
    {
        var r = ModelBench.Run(seq: 8, batch: 4, hidden: 8, layers: 1, heads: 2, seconds: 0.2);
        Assert.All(new[] { r.ProductTrainPerSecond, r.BareTrainPerSecond, r.ProductInferPerSecond, r.BareInferPerSecond },
            v => Assert.True(v > 0 && double.IsFinite(v), $"rate {v}"));
        Assert.Contains("ratio", r.ToString());
    }

    [Fact]
    public void St_bench_measures_the_engine_and_the_bare_loop()
    {
        var r = StBench.Run(window: 8, neighbours: 2, hidden: 8, heads: 2, batch: 4, seconds: 0.2);
        Assert.All(new[] { r.EngineTrainPerSecond, r.BareTrainPerSecond }, v => Assert.True(v > 0 && double.IsFinite(v), $"rate {v}"));
        Assert.Contains("ratio", r.ToString());
    }
}
