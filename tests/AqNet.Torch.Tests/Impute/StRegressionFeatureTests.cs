using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using Xunit;

namespace AqNet.Torch.Tests.Impute;

public class StRegressionFeatureTests
{
    private const int Hours = 600, T0 = 270, W = 8, Feature = 15;

    /// <summary>S0 reads 10 + 2 · S1 at every hour; S1 and S2 vary on their own; S0 is dark over [100, 450), more than a
    /// week on either side of the window [270, 278).</summary>
    private static (StGraph Graph, bool[] Input, ImputeTask Task) Network()
    {
        const double km = 1 / 85.0;
        var stations = Enumerable.Range(0, 3).Select(i => new Station($"S{i}", $"S{i}", 116 + i * km, 40)).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hours, stations, [Variables.Pm25]);
        for (var t = 0; t < Hours; t++)
        {
            var s1 = 20 + t % 7 * 3f;
            p.Set(t, 0, 0, 10 + 2 * s1); p.Set(t, 1, 0, s1); p.Set(t, 2, 0, 50 + t % 5 * 4f);
        }
        var task = new ImputeTask(p, Variables.Pm25, 8, new HourRole[Hours], [], new ImputeProtocolOptions());
        var input = new bool[Hours * 3];
        for (var i = 0; i < input.Length; i++) input[i] = !(i % 3 == 0 && i / 3 >= 100 && i / 3 < 450);
        var regression = StationRegression.Fit(task, input, new bool[3], 2, ridge: 0);
        return (new StGraph(task, new bool[3], 2, 0, 1, new float[Hours * 3], 6) { Regression = regression }, input, task);
    }

    private static float At(StBatch batch, int node, int hour, int feature) => batch.X[batch.XIndex(0, node, hour - T0) + feature];

    [Fact]
    public void The_target_reads_its_regression_on_the_neighbours_the_sample_sees()
    {
        var (g, input, task) = Network();
        var batch = new StBatch(1, 3, W, g.C);
        StFeatures.Fill(g, input, batch, 0, 0, T0, null, null);
        for (var h = T0; h < T0 + W; h++)
        {
            Assert.Equal(task.Truth[h * 3], At(batch, 0, h, Feature), 2);   // 10 + 2 · S1, learnt from the history
            Assert.Equal(1f, At(batch, 0, h, Feature + 1));
            Assert.Equal(0f, At(batch, 1, h, Feature + 1));                  // neighbours: none
        }
    }

    [Fact]
    public void A_neighbour_value_the_pattern_hides_is_not_read_and_a_place_without_history_gets_none()
    {
        var (g, input, task) = Network();
        var batch = new StBatch(1, 3, W, g.C);
        var cells = new bool[3 * W];
        cells[1 * W + 2] = true;   // S1 hidden at hour 272
        StFeatures.Fill(g, input, batch, 0, 0, T0, new StHide(cells, new bool[3], new bool[3]), null);
        var fromS2 = g.Regression!.Predict(0, j => j == 2 ? task.Truth[272 * 3 + 2] : float.NaN);
        Assert.Equal(fromS2, At(batch, 0, 272, Feature), 3);
        Assert.NotEqual(task.Truth[272 * 3], At(batch, 0, 272, Feature), 1);

        StFeatures.Fill(g, input, batch, 0, 0, T0, new StHide(new bool[3 * W], new bool[3], new bool[3]) { NoHistory = true }, null);
        for (var h = T0; h < T0 + W; h++) Assert.Equal(0f, At(batch, 0, h, Feature + 1));
    }

    [Fact]
    public void A_target_with_its_own_observations_within_a_week_reads_no_regression()
    {
        var (g, input, _) = Network();
        var batch = new StBatch(1, 3, W, g.C);
        StFeatures.Fill(g, input, batch, 0, 0, 120, null, null);   // S0's last value, at hour 99, is 21 h before
        for (var w = 0; w < W; w++) Assert.Equal(0f, batch.X[batch.XIndex(0, 0, w) + Feature + 1]);
    }
}
