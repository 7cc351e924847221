using AqNet.Core.Metrics;
using AqNet.Core.Tests.Windows;
using AqNet.Core.Windows;
using CsCheck;

namespace AqNet.Core.Tests.Metrics;

public class MaskedMetricsTests
{
    [Fact]
    public void Exact_numbers_on_a_tiny_fixture()
    {
        // errors −1, 0, −2 on observed 2, 2, 5 (mean 3, SST 6, SSE 5); the 4th cell is masked.
        var m = MaskedMetrics.Compute([1f, 2f, 3f, 100f], [2f, 2f, 5f, float.NaN], [1f, 1f, 1f, 0f]);
        Assert.Equal(1, m.Mae, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), m.Rmse, 12);
        Assert.Equal(1 - 5.0 / 6, m.R2, 12);
        Assert.Equal(3, m.N);
    }

    [Fact]
    public void At_takes_the_last_step_and_pooled_all_steps()
    {
        // [N = 2, H = 2]: step 2 has predictions 4, 6 for observations 3, 9 → MAE 2, RMSE √5, SST 18, R² 1 − 10/18
        float[] p = [0, 4, 0, 6], o = [1, 3, 1, 9], k = [1, 1, 1, 1];
        var at = MaskedMetrics.Compute(p, o, k, 2, Aggregation.At);
        Assert.Equal((2.0, Math.Sqrt(5), 1 - 10.0 / 18, 2L), (at.Mae, at.Rmse, at.R2, at.N));
        var pooled = MaskedMetrics.Compute(p, o, k, 2, Aggregation.Pooled);
        Assert.Equal(4, pooled.N);
        Assert.Equal((1 + 1 + 1 + 3) / 4.0, pooled.Mae, 12);
    }

    [Fact]
    public void A_masked_value_can_be_anything() =>
        Gen.Float[-100, 100].Array[3, 30].SelectMany(a => Gen.Float[-100, 100].Array[a.Length].Select(Gen.Bool.Array[a.Length], Gen.Float.Array[a.Length], Gen.Float.Array[a.Length], (o, m, j1, j2) => (a, o, m, j1, j2)))
            .Sample(c =>
            {
                var (pred, obs, keep, junkP, junkO) = c;
                var mask = keep.Select(b => b ? 1f : 0f).ToArray();
                var p2 = pred.Select((v, i) => keep[i] ? v : junkP[i]).ToArray();
                var o2 = obs.Select((v, i) => keep[i] ? v : junkO[i]).ToArray();
                var a = MaskedMetrics.Compute(pred, obs, mask);
                var b = MaskedMetrics.Compute(p2, o2, mask);
                Assert.Equal(a, b);
            }, iter: 300);

    [Fact]
    public void Empty_gives_nan_and_nan_at_an_observation_throws()
    {
        var e = MaskedMetrics.Compute([1f], [2f], [0f]);
        Assert.Equal(0, e.N);
        Assert.True(double.IsNaN(e.Mae) && double.IsNaN(e.R2));
        var ex = Assert.Throws<ArgumentException>(() => MaskedMetrics.Compute([float.NaN], [2f], [1f]));
        Assert.Equal("predicted", ex.ParamName);
    }

    [Fact]
    public void Evaluate_unscales_to_micrograms()
    {
        // scaled = (x − 50) / 10: predictions 0, 1 → 50, 60; targets 0.5, 0.5 → 55, 55
        var set = new WindowSet(2, 1, 2, 1, ["pol:PM2.5", "mask:PM2.5"]);
        set.Y[0] = 0.5f; set.Y[1] = 0.5f; set.YMask[0] = 1; set.YMask[1] = 1;
        var m = MaskedMetrics.Evaluate(set, [0f, 1f], Fixtures.Context(mean: 50, std: 10), Aggregation.Pooled);
        Assert.Equal(5, m.Mae, 5);
        Assert.Equal(5, m.Rmse, 5);
        Assert.True(double.IsNaN(m.R2)); // SST = 0
    }
}
