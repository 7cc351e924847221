using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using Xunit;

namespace AqNet.Torch.Tests.Impute;

public class StGraphTaperTests
{
    /// <summary>Stations on a line at 0, 1, 3 and 6 km east and 20 km west; two hidden places P and Q just either side of
    /// 3.5 km, where |x − 1| = |x − 6| and the second-nearest station switches from S1 to S3.</summary>
    private static ImputeTask Line(double px, double qx)
    {
        const double km = 1 / 85.0;   // degrees of longitude per km near 40° N, roughly
        double[] xs = [0, 1, 3, 6, -20, px, qx];
        var stations = xs.Select((x, i) => new Station($"S{i}", $"S{i}", 116 + x * km, 40)).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), 48, stations, [Variables.Pm25]);
        for (var t = 0; t < 48; t++)
            for (var s = 0; s < 5; s++) p.Set(t, s, 0, 50 + s);
        return new ImputeTask(p, Variables.Pm25, 8, new HourRole[48], [], new ImputeProtocolOptions());
    }

    private static bool[] HiddenPlaces => [false, false, false, false, false, true, true];

    [Fact]
    public void Where_the_nearest_set_changes_the_leaving_and_entering_stations_weigh_almost_nothing()
    {
        // Left of 3.5 km the nearest two are S2 (at 3 km) and S1 (at 1 km); right of it S2 and S3 (at 6 km).
        var g = new StGraph(Line(3.499, 3.501), HiddenPlaces, 2, 0, 1, new float[48 * 7], 6);
        int P = 5, Q = 6, K = g.K;
        Assert.Equal(2, g.Nodes[P * K]);
        Assert.Equal(1, g.Nodes[P * K + 1]);
        Assert.Equal(3, g.Nodes[Q * K + 1]);
        Assert.Equal(1f, g.Taper[P * K], 3);                 // S2, 0.5 km away: full weight on both sides
        Assert.Equal(1f, g.Taper[Q * K], 3);
        Assert.InRange(g.Taper[P * K + 1], 0f, 0.01f);        // S1 leaving, S3 entering: both near 0 at the switch
        Assert.InRange(g.Taper[Q * K + 1], 0f, 0.01f);
    }

    [Fact]
    public void Away_from_a_switch_and_on_small_networks_every_neighbour_weighs_one()
    {
        var far = new StGraph(Line(0.9, 2.9), HiddenPlaces, 2, 0, 1, new float[48 * 7], 6);
        Assert.All(new[] { far.Taper[5 * 2], far.Taper[6 * 2] }, w => Assert.Equal(1f, w, 3));
        // With at most K + 1 visible stations no station is ever left out in training: no taper anywhere.
        var small = new StGraph(Line(3.49, 3.51), HiddenPlaces, 4, 0, 1, new float[48 * 7], 6);
        for (var s = 0; s < 7; s++)
            for (var n = 0; n < small.K; n++)
                if (small.Nodes[s * small.K + n] >= 0) Assert.Equal(1f, small.Taper[s * small.K + n]);
    }
}
