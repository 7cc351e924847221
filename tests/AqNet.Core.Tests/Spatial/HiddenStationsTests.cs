using AqNet.Core.Data;
using AqNet.Core.Spatial;
using CsCheck;

namespace AqNet.Core.Tests.Spatial;

public class HiddenStationsTests
{
    // Ten stations on a line 0..9° E plus one without coordinates in the middle of the list.
    private static readonly Station[] Line =
        [.. Enumerable.Range(0, 5).Select(i => Fixtures.At("s" + i, i, 0)), new Station("nocoord", "x", null, null),
         .. Enumerable.Range(5, 5).Select(i => Fixtures.At("s" + i, i, 0))];

    [Fact]
    public void By_list_keeps_station_order_and_checks_ids()
    {
        Assert.Equal(["s1", "s7"], HiddenStations.ByList(Line, ["s7", "s1", "s7"]));
        Assert.Contains("'zz'", Assert.Throws<InputException>(() => HiddenStations.ByList(Line, ["zz"])).Message);
        Assert.Contains("no coordinates", Assert.Throws<InputException>(() => HiddenStations.ByList(Line, ["nocoord"])).Message);
        Assert.Throws<InputException>(() => HiddenStations.ByList(Line, []));
        Assert.Throws<InputException>(() => HiddenStations.ByList(Line, Line.Where(s => s.HasCoordinates).Select(s => s.Id)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.2)]
    public void By_ratio_rejects_ratios_outside_0_1(double ratio) =>
        Assert.Contains("strictly between 0 and 1", Assert.Throws<InputException>(() => HiddenStations.ByRatio(Line, ratio, 1, true)).Message);

    [Fact]
    public void Spread_picks_the_far_end_of_the_line_after_the_random_start()
    {
        var h = HiddenStations.ByRatio(Line, 0.2, 7, spread: true);
        Assert.Equal(2, h.Length);
        Assert.True(h.Contains("s0") || h.Contains("s9"), string.Join(",", h));
        // With 3 picks on a line the two ends are always among them.
        var three = HiddenStations.ByRatio(Line, 0.3, 7, spread: true);
        Assert.Contains("s0", three);
        Assert.Contains("s9", three);
    }

    [Fact]
    public void By_ratio_is_deterministic_sized_and_never_picks_unlocated_stations()
    {
        Gen.Select(Gen.Double[0.01, 0.99], Gen.Int, Gen.Bool).Sample((ratio, seed, spread) =>
        {
            var h = HiddenStations.ByRatio(Line, ratio, seed, spread);
            Assert.Equal(Math.Clamp((int)Math.Round(ratio * 10, MidpointRounding.AwayFromZero), 1, 9), h.Length);
            Assert.Equal(h.Length, h.Distinct().Count());
            Assert.DoesNotContain("nocoord", h);
            Assert.Equal(h, HiddenStations.ByRatio(Line, ratio, seed, spread));
        });
    }

    [Fact]
    public void Protocols_make_folds_of_located_stations()
    {
        var loso = SpatialProtocol.Loso().Folds(Line);
        Assert.Equal(10, loso.Count);
        Assert.Equal([0], loso[0].Hidden);
        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9, 10], loso[0].Visible);
        var hold = Assert.Single(SpatialProtocol.Holdout(["s2", "s6"]).Folds(Line));
        Assert.Equal([2, 7], hold.Hidden);
        Assert.Equal(8, hold.Visible.Length);
        Assert.Equal(2, Assert.Single(SpatialProtocol.HoldoutByRatio().Folds(Line)).Hidden.Length);
    }
}
