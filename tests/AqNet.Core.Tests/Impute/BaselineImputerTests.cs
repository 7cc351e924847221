using AqNet.Core.Impute;
using AqNet.Core.Spatial;
using Xunit;

namespace AqNet.Core.Tests.Impute;

public class BaselineImputerTests
{
    private static readonly float N = float.NaN;

    // 8 hours × 3 stations; station 1 has a gap at hours 2..4 (eval at 3), station 0 a gap at hour 6 (eval).
    private static readonly float[][] Rows =
    [
        [10, 20, 30],
        [12, 22, 32],
        [14, N, 34],
        [16, 99, 36],
        [18, N, 38],
        [20, 30, 40],
        [99, 32, 42],
        [24, 34, 44],
    ];

    private static (ImputeTask, ImputeFold, bool[]) Setup()
    {
        var panel = ImputeFixtures.Panel(Rows);
        var eval = new bool[8 * 3];
        eval[3 * 3 + 1] = true;
        eval[6 * 3 + 0] = true;
        var (task, fold) = ImputeFixtures.Task(panel, eval);
        return (task, fold, eval);
    }

    [Fact]
    public void Linear_interpolates_between_the_nearest_inputs_on_both_sides()
    {
        var (task, fold, eval) = Setup();
        var m = new LinearImputer();
        m.Fit(task, fold, null, default);
        var e = m.Estimate(ImputeViews.Test(task, fold), eval, default);
        Assert.Equal(22 + (30 - 22) * 2 / 4f, e.Median[3 * 3 + 1], 4);   // hours 1 and 5 are the inputs around hour 3
        Assert.Equal(22f, e.Median[6 * 3 + 0], 4);                        // (20 + 24) / 2
        Assert.True(float.IsNaN(e.Median[0]));                            // not asked
    }

    [Fact]
    public void Mean_is_the_station_mean_of_the_training_cells()
    {
        var (task, fold, eval) = Setup();
        var m = new MeanImputer();
        m.Fit(task, fold, null, default);
        var e = m.Estimate(ImputeViews.Test(task, fold), eval, default);
        // Training hours are 0..5 (the last quarter, hours 6 and 7, is test); station 1 has inputs 20, 22, 30 there.
        Assert.Equal((20 + 22 + 30) / 3f, e.Median[3 * 3 + 1], 4);
        Assert.Equal((10 + 12 + 14 + 16 + 18 + 20) / 6f, e.Median[6 * 3 + 0], 4);
    }

    [Fact]
    public void Idw_weights_the_other_stations_at_the_same_hour_by_inverse_squared_distance()
    {
        var (task, fold, eval) = Setup();
        var m = new SameHourImputer(new IdwInterpolator(), ImputeModelKind.Idw);
        m.Fit(task, fold, null, default);
        var e = m.Estimate(ImputeViews.Test(task, fold), eval, default);
        // Station 1 sits halfway between 0 and 2: equal weights, (16 + 36) / 2. Its own 99 is not an input.
        Assert.Equal(26f, e.Median[3 * 3 + 1], 3);
        // Station 0 at hour 6: station 1 (d) and station 2 (2d): weights 1 and 1/4.
        Assert.Equal((32 * 1f + 42 * 0.25f) / 1.25f, e.Median[6 * 3 + 0], 2);
    }

    [Fact]
    public void TimeNeighbours_give_gap_lengths_and_open_ends()
    {
        var input = new[] { true, false, false, true, false };   // one station
        var near = new TimeNeighbours(input, 5, 1);
        Assert.Equal(2, near.GapLength(1));
        Assert.Equal(2, near.GapLength(2));
        Assert.Equal(int.MaxValue, near.GapLength(4));
        Assert.Equal(3f, near.Linear([3, 0, 0, 9, 0], 4, 0, 1) - 6f);    // open end: the last input (9)
    }
}
