using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using Xunit;

namespace AqNet.Torch.Tests.Impute;

public class StFeaturesTests
{
    private const int Hours = 20, T0 = 6, W = 8, Departure = 13;

    /// <summary>The target S0 and two neighbours 1 and 2 km east. S0 is observed at hours 2 (10 µg/m³) and 17 (40) only,
    /// so its gap spans the whole window [6, 14). S1 reads 20 + t and S2 50, except at hour 9, 6 above and 3 below.</summary>
    private static (StGraph Graph, bool[] Input) Network()
    {
        const double km = 1 / 85.0;
        var stations = Enumerable.Range(0, 3).Select(i => new Station($"S{i}", $"S{i}", 116 + i * km, 40)).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hours, stations, [Variables.Pm25]);
        p.Set(2, 0, 0, 10); p.Set(17, 0, 0, 40);
        for (var t = 0; t < Hours; t++)
        {
            p.Set(t, 1, 0, 20 + t + (t == 9 ? 6 : 0));
            p.Set(t, 2, 0, t == 9 ? 47 : 50);
        }
        var task = new ImputeTask(p, Variables.Pm25, W, new HourRole[Hours], [], new ImputeProtocolOptions());
        var input = new bool[Hours * 3];
        for (var i = 0; i < input.Length; i++) input[i] = !float.IsNaN(task.Truth[i]);
        return (new StGraph(task, new bool[3], 2, 0, 1, new float[Hours * 3], 6), input);
    }

    private static float At(StBatch batch, int node, int hour, int feature) => batch.X[batch.XIndex(0, node, hour - T0) + feature];

    [Fact]
    public void The_departure_fill_adds_the_neighbours_departures_from_their_own_line_across_the_targets_gap()
    {
        var (g, input) = Network();
        var batch = new StBatch(1, 3, W, g.C);
        StFeatures.Fill(g, input, batch, 0, 0, T0, null, null);
        // Linear fill at hour 9: 10 + 30 · 7/15 = 24; departures 6 (S1, 1 km) and −3 (S2, 2 km) weighted 1 : 1/4.
        Assert.Equal(24 + (6 - 3 / 4.0) / 1.25, At(batch, 0, 9, Departure), 3);
        Assert.Equal(1f, At(batch, 0, 9, Departure + 1));
        Assert.Equal(22f, At(batch, 0, 8, Departure), 3);   // no departure at hour 8
        Assert.Equal(28f, At(batch, 1, 8, Departure));      // an observed node: its own value
    }

    [Fact]
    public void The_departure_fill_reads_no_hour_the_training_pattern_cuts()
    {
        var (g, input) = Network();
        var batch = new StBatch(1, 3, W, g.C);
        // S1's hours before the window are cut (a place without a station there): only S2's departure remains.
        var hide = new StHide(new bool[3 * W], [false, true, false], new bool[3]);
        var cells = new List<(int, int)>();
        StFeatures.Fill(g, input, batch, 0, 0, T0, hide, cells);
        Assert.Equal(24 - 3f, At(batch, 0, 9, Departure), 3);
        Assert.DoesNotContain((2, 1), cells);
        Assert.Contains((2, 2), cells);
    }
}
