using AqNet.Torch.Analysis;

namespace AqNet.Torch.Tests.Analysis;

public sealed class HeadClustersTests
{
    private const int W = 24;

    // Key weights [n = 2, heads, W] (index j = input step, W − 1 = most recent) from per-head lag profiles.
    private static HeadProfile[] Profiles(params Func<int, double>[] byLag)
    {
        var keys = new float[2 * byLag.Length * W];
        for (var i = 0; i < 2; i++)
            for (var h = 0; h < byLag.Length; h++)
            {
                var norm = Enumerable.Range(1, W).Sum(byLag[h]);
                for (var j = 0; j < W; j++) keys[(i * byLag.Length + h) * W + j] = (float)(byLag[h](W - j) / norm);
            }
        return HeadProfile.FromKeyWeights(keys, 2, byLag.Length, W);
    }

    [Fact]
    public void Recent_focused_heads_are_short_term_and_spread_heads_long_term()
    {
        var heads = Profiles(
            lag => 1.0,                       // 0: uniform over the day
            lag => Math.Exp(-lag / 1.5),      // 1: last few hours
            lag => lag,                       // 2: leans to the oldest hours
            lag => Math.Exp(-lag / 2.5));     // 3: last few hours, a little wider
        var pca = Pca.Fit(heads.Select(h => h.Mean).ToArray());
        var c = HeadClusters.Fit(pca.Scores, heads.Select(h => h.MeanLagHours).ToArray(), HeadProfile.UniformMeanLag(W));
        Assert.Equal([false, true, false, true], c.ShortTerm);
        Assert.Equal(1, c.ShortRepresentative);   // the most recent-focused
        Assert.Equal(2, c.LongRepresentative);    // the farthest-reaching
        Assert.Equal(HeadClusters.Short, c.Name(3));
        Assert.True(heads[1].RecentMass > 0.9 && Math.Abs(heads[0].RecentMass - 0.25) < 1e-6);
    }

    [Fact]
    public void Profiles_are_indexed_by_lag_and_sum_to_one()
    {
        var h = Profiles(lag => lag == 1 ? 1 : 0)[0];
        Assert.Equal(1, h.Mean[0], 6);             // element 0 = the hour just before the forecast
        Assert.Equal(1, h.MeanLagHours, 6);
        Assert.Equal(1, h.Mean.Sum(), 6);
        Assert.Equal(12.5, HeadProfile.UniformMeanLag(W));
    }

    [Fact]
    public void Identical_heads_form_one_cluster_named_by_their_mean_lag()
    {
        var heads = Profiles(lag => Math.Exp(-lag), lag => Math.Exp(-lag));
        var pca = Pca.Fit(heads.Select(h => h.Mean).ToArray());
        var c = HeadClusters.Fit(pca.Scores, heads.Select(h => h.MeanLagHours).ToArray(), HeadProfile.UniformMeanLag(W));
        Assert.Equal([true, true], c.ShortTerm);
        Assert.Equal(-1, c.LongRepresentative);
        Assert.Equal(0, c.ShortRepresentative);
    }

    [Fact]
    public void KMeans_separates_two_groups()
    {
        double[][] points = [[0, 0], [10, 1], [0.5, -0.2], [9.5, 0.3], [0.2, 0.1]];
        Assert.Equal([0, 1, 0, 1, 0], HeadClusters.KMeans2(points));
    }
}
