using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Spatial;

public class VariogramTests
{
    [Fact]
    public void Model_values()
    {
        var s = new VariogramModel(VariogramKind.Spherical, 0.2, 0.8, 100);
        Assert.Equal(0, s.Gamma(0));
        Assert.Equal(0.2 + 0.8 * (0.75 - 0.0625), s.Gamma(50), 12);
        Assert.Equal(1.0, s.Gamma(150), 12);
        Assert.Equal(0.2, s.GammaBetweenStations(0), 12);
        var e = new VariogramModel(VariogramKind.Exponential, 0, 2, 30);
        Assert.Equal(2 * (1 - Math.Exp(-1)), e.Gamma(10), 12);
        Assert.Equal(2 * 0.95, e.Gamma(30), 1); // practical range: 95% of the sill
    }

    [Theory]
    [InlineData(VariogramKind.Exponential, 0.1, 0.5, 30)]
    [InlineData(VariogramKind.Spherical, 0.05, 0.3, 45)]
    [InlineData(VariogramKind.Exponential, 0, 1, 12)]
    public void Fit_recovers_an_exact_model(VariogramKind kind, double nugget, double psill, double range)
    {
        var truth = new VariogramModel(kind, nugget, psill, range);
        var lags = Enumerable.Range(1, 15).Select(i => 4.0 * i).ToArray();
        var ev = new EmpiricalVariogram(lags, lags.Select(truth.Gamma).ToArray(), lags.Select(_ => 100L).ToArray());
        var fit = VariogramFitter.Fit(ev, kind);
        Assert.Equal(nugget, fit.Nugget, 4);
        Assert.Equal(psill, fit.PartialSill, 4);
        Assert.Equal(range, fit.RangeKm, 2);
    }

    [Fact]
    public void Fit_never_returns_negative_parameters()
    {
        Gen.Select(Gen.Double[0, 3].Array[3, 12], Gen.Long[1, 1000]).Sample((g, n) =>
        {
            var lags = g.Select((_, i) => 2.0 + 3 * i).ToArray();
            var fit = VariogramFitter.Fit(new EmpiricalVariogram(lags, g, g.Select(_ => n).ToArray()), VariogramKind.Exponential);
            Assert.True(fit.Nugget >= 0 && fit.PartialSill >= 0 && fit.RangeKm > 0 && fit.Sill > 0);
        });
    }

    [Fact]
    public void Too_few_lags_give_the_documented_fallback()
    {
        var fit = VariogramFitter.Fit(new EmpiricalVariogram([5, 10], [0.2, 0.4], [3, 3]), VariogramKind.Spherical);
        Assert.Equal((0.0, 10.0), (fit.Nugget, fit.RangeKm));
        Assert.Equal(0.3, fit.PartialSill, 12);
    }

    [Fact]
    public void Pairwise_relative_semivariogram_by_hand()
    {
        // Stations a, b 0.01° apart (1.112 km), c 1° away (beyond maxLag). Hours: (10, 30) → r = −20/20 → ½·1 = 0.5;
        // (20, 20) → 0; (b missing) → skipped; (0, 0) → mean 0, skipped. Mean 0.25 over 2 terms.
        var stations = new[] { Fixtures.At("a", 0, 0), Fixtures.At("b", 0.01, 0), Fixtures.At("c", 1, 0) };
        float n = float.NaN;
        float[] values = [10, 30, 5, 20, 20, 5, 7, n, 5, 0, 0, 5];
        var train = new SpatialTrainingData(stations, 4, values, values.Select(float.IsFinite).ToArray());
        var ev = VariogramFitter.PairwiseRelative(train, 50, 10);
        Assert.Equal([0.25], ev.Gamma);
        Assert.Equal([2L], ev.Count);
        Assert.Equal(0.01 * Fixtures.KmPerDegree, ev.LagKm[0], 9);
        // Hiding b removes the only pair; the cache built above is reused.
        Assert.Empty(VariogramFitter.PairwiseRelative(train.WithHidden([1]), 50, 10).Gamma);
    }
}
