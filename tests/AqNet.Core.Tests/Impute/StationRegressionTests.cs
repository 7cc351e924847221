using AqNet.Core.Data;
using AqNet.Core.Impute;
using Xunit;

namespace AqNet.Core.Tests.Impute;

public class StationRegressionTests
{
    /// <summary>S0 reads 10 + 2 · S1 at every hour; S1 and S2 vary independently; S3 is observed for 100 hours only.</summary>
    private static Panel Network(int hours = 400)
    {
        var rng = new Random(3);
        var rows = Enumerable.Range(0, hours).Select(t =>
        {
            var s1 = (float)(30 + 20 * rng.NextDouble());
            var s2 = (float)(40 + 20 * rng.NextDouble());
            return new[] { 10 + 2 * s1, s1, s2, t < 100 ? 50f : float.NaN };
        }).ToArray();
        return ImputeFixtures.Panel(rows);
    }

    private static bool[] All(ImputeTask task) => [.. task.Observed];

    [Fact]
    public void A_station_that_follows_a_neighbour_is_predicted_exactly_from_it()
    {
        var (task, _) = ImputeFixtures.Task(Network(), new bool[400 * 4]);
        var r = StationRegression.Fit(task, All(task), new bool[4], 1, ridge: 0);
        Assert.True(r.Has(0));
        Assert.Equal(1, r.Neighbour(0, 0));
        Assert.Equal(10 + 2 * 37.5f, r.Predict(0, j => j == 1 ? 37.5f : float.NaN), 3);
        Assert.True(float.IsNaN(r.Predict(0, _ => float.NaN)));
    }

    [Fact]
    public void Without_a_neighbours_value_the_regression_on_the_others_is_used()
    {
        var (task, _) = ImputeFixtures.Task(Network(), new bool[400 * 4]);
        var r = StationRegression.Fit(task, All(task), new bool[4], 2, ridge: 0);
        Assert.Equal(10 + 2 * 40f, r.Predict(0, [1, 2], [40f, 55f]), 2);
        // S2 tells nothing about S0: without S1 the estimate is S0's mean, whatever S2 reads.
        var mean = Enumerable.Range(0, 400).Average(t => task.Truth[t * 4]);
        Assert.Equal(mean, r.Predict(0, [1, 2], [float.NaN, 45f]), 1.5);
        Assert.Equal(mean, r.Predict(0, [1, 2], [float.NaN, 55f]), 1.5);
    }

    [Fact]
    public void Stations_without_enough_history_or_hidden_have_no_regression_and_hidden_ones_are_never_neighbours()
    {
        var (task, _) = ImputeFixtures.Task(Network(), new bool[400 * 4]);
        var r = StationRegression.Fit(task, All(task), [false, true, false, false], 3, ridge: 0);
        Assert.False(r.Has(3));   // 100 hours < 168
        Assert.False(r.Has(1));   // hidden
        Assert.True(r.Has(0));
        for (var s = 0; s < 4; s++)
            for (var i = 0; i < 3; i++) Assert.NotEqual(1, r.Neighbour(s, i));
    }

    [Fact]
    public void The_regression_baseline_uses_the_stations_history_where_kriging_cannot()
    {
        var panel = Network();
        var eval = new bool[400 * 4];
        for (var t = 300; t < 400; t++) eval[t * 4] = true;   // S0 dark over the test quarter
        var (task, fold) = ImputeFixtures.Task(panel, eval);
        var m = new RegressionImputer();
        m.Fit(task, fold, null, CancellationToken.None);
        var e = m.Estimate(ImputeViews.Test(task, fold), eval, CancellationToken.None);
        var kriging = new SameHourImputer(new AqNet.Core.Spatial.KrigingInterpolator(), ImputeModelKind.Kriging);
        kriging.Fit(task, fold, null, CancellationToken.None);
        var k = kriging.Estimate(ImputeViews.Test(task, fold), eval, CancellationToken.None);
        double Mae(float[] x) => Enumerable.Range(300, 100).Average(t => Math.Abs(x[t * 4] - task.Truth[t * 4]));
        // The default ridge shrinks the slope a little; kriging cannot know that S0 runs at twice S1 plus 10.
        Assert.InRange(Mae(e.Median), 0, 1.0);
        Assert.InRange(Mae(k.Median), 10, double.MaxValue);
    }
}
