using AqNet.Core.Baselines;
using AqNet.Core.Tests.Windows;
using AqNet.Core.Windows;
using CsCheck;

namespace AqNet.Core.Tests.Baselines;

public class RidgeTests
{
    private static WindowSet OneFeature(float[] x, float[] y, float[]? mask = null)
    {
        var set = new WindowSet(x.Length, 1, 1, 1, ["pol:PM2.5"]);
        x.CopyTo(set.X, 0); y.CopyTo(set.Y, 0);
        (mask ?? Enumerable.Repeat(1f, x.Length).ToArray()).CopyTo(set.YMask, 0);
        return set;
    }

    [Fact]
    public void Cholesky_solves_a_hand_computed_system()
    {
        // [[4, 2], [2, 3]] + diag(1, 0) → [[5, 2], [2, 3]] w = [9, 8] → w = (1, 2)
        var w = Cholesky.Solve([4, 2, 2, 3], [1, 0], [9, 8])!;
        Assert.Equal(1, w[0], 12);
        Assert.Equal(2, w[1], 12);
        Assert.Null(Cholesky.Solve([1, 1, 1, 1], [0, 0], [1, 1])); // singular
    }

    [Fact]
    public void Ridge_matches_the_hand_computed_normal_equations()
    {
        // rows (x, 1): x = 0, 1, 2, y = 1, 3, 5. G = [[5, 3], [3, 3]], b = [13, 9]; slope penalty λ·n = (1/3)·3 = 1:
        // 6a + 3c = 13, 3a + 3c = 9 → a = 4/3, c = 5/3; at x = 3: 4 + 5/3 = 17/3.
        var train = OneFeature([0, 1, 2], [1, 3, 5]);
        var f = new RidgeForecaster([1.0 / 3]);
        f.Fit(train, OneFeature([], []), Fixtures.Context(), null, default);
        Assert.Equal(17f / 3, f.Predict(OneFeature([3], [0]), Fixtures.Context())[0], 5);
    }

    [Fact]
    public void Lambda_is_chosen_on_validation()
    {
        // noise-free line: the smallest λ reproduces it, the large one shrinks the slope
        var train = OneFeature([0, 1, 2, 3], [1, 3, 5, 7]);
        var f = new RidgeForecaster([100, 1e-8]);
        f.Fit(train, OneFeature([5], [11]), Fixtures.Context(), null, default);
        Assert.Equal([1e-8], f.ChosenLambda);
        Assert.Equal(21f, f.Predict(OneFeature([10], [0]), Fixtures.Context())[0], 3);
    }

    [Fact]
    public void Masked_targets_never_change_the_fit() =>
        Gen.Float[-3, 3].Array[8].Select(Gen.Bool.Array[8], Gen.Float[-1000, 1000].Array[8]).Sample(c =>
        {
            var (ys, keep, junk) = c;
            if (keep.Count(k => k) < 3) return;
            float[] x = [0, 1, 2, 3, 4, 5, 6, 7];
            var mask = keep.Select(k => k ? 1f : 0f).ToArray();
            // masked targets hold junk: the fit must equal a fit on the observed rows alone
            var dirty = OneFeature(x, ys.Select((v, i) => keep[i] ? v : junk[i]).ToArray(), mask);
            var a = new RidgeForecaster([0.01]); a.Fit(dirty, OneFeature([], []), Fixtures.Context(), null, default);
            var b = new RidgeForecaster([0.01]);
            var onlyObserved = OneFeature([.. x.Where((_, i) => keep[i])], [.. ys.Where((_, i) => keep[i])]);
            b.Fit(onlyObserved, OneFeature([], []), Fixtures.Context(), null, default);
            var probe = OneFeature([9], [0]);
            // A tolerance, not rounding to 3 decimals: two float32 results 1e-7 apart can round to different digits.
            Assert.Equal(b.Predict(probe, Fixtures.Context())[0], a.Predict(probe, Fixtures.Context())[0], 1e-3f);
        }, iter: 200);

    [Fact]
    public void Bad_lambda_grids_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeForecaster([double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RidgeForecaster([0]));
        Assert.Throws<ArgumentException>(() => new RidgeForecaster([]));
    }
}
