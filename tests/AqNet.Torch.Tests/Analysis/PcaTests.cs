using AqNet.Torch.Analysis;

namespace AqNet.Torch.Tests.Analysis;

public sealed class PcaTests
{
    [Fact]
    public void First_component_is_the_direction_of_largest_spread_up_to_sign()
    {
        // Points t·u + small·v + offset, u ⟂ v: PC1 must be ±u, PC2 ±v, and the scores t − mean(t).
        double[] u = [1 / 3.0, 2 / 3.0, 2 / 3.0, 0], v = [2 / 3.0, 1 / 3.0, -2 / 3.0, 0], offset = [5, -1, 2, 7];
        // s sums to 0 and is uncorrelated with t, so the axes are exactly u and v.
        double[] t = [-3, -1, 0, 2, 4], s = [0.2, -0.2, -0.2, 0.2, 0];
        var rows = t.Select((ti, i) => u.Select((uj, j) => ti * uj + s[i] * v[j] + offset[j]).ToArray()).ToArray();
        var pca = Pca.Fit(rows);
        var cos1 = pca.Components[0].Zip(u, (a, b) => a * b).Sum();
        var cos2 = pca.Components[1].Zip(v, (a, b) => a * b).Sum();
        Assert.Equal(1, Math.Abs(cos1), 9);
        Assert.Equal(1, Math.Abs(cos2), 9);
        var tMean = t.Average();
        for (var i = 0; i < t.Length; i++) Assert.Equal((t[i] - tMean) * Math.Sign(cos1), pca.Scores[i][0], 9);
        Assert.True(pca.Share(0) > 0.98, $"PC1 share {pca.Share(0)}");
        Assert.Equal(1, pca.Share(0) + pca.Share(1), 9);   // the data are exactly two-dimensional
    }

    [Fact]
    public void Identical_vectors_give_zero_scores_not_NaN()
    {
        var pca = Pca.Fit([[1.0, 2, 3], [1.0, 2, 3], [1.0, 2, 3]]);
        Assert.All(pca.Scores.SelectMany(r => r), s => Assert.Equal(0, s));
        Assert.Equal(0, pca.Share(0));
    }

    [Theory]
    [InlineData(0.9997, "99.97%")]   // heads that differ little: PC1 must not read "100%"
    [InlineData(0.0003, "0.03%")]    // nor PC2 "0%"
    [InlineData(0.004, "0.4%")]
    [InlineData(0.62, "62%")]
    [InlineData(0.0, "0%")]
    [InlineData(1.0, "100%")]
    public void Variance_shares_are_labelled_without_rounding_to_0_or_100(double share, string label) =>
        Assert.Equal(label, Fig4Plot.Percent(share));
}
