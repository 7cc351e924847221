using AqNet.Core.Data;

namespace AqNet.Core.Tests.Data;

public class PanelHeadTests
{
    private static Panel Sample()
    {
        var stations = new[] { new Station("A", "A", 116.0, 40.0), new Station("B", "B", 116.1, 40.1) };
        var p = new Panel(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 5, stations, [Variables.Pm25, Variables.No2]);
        for (var t = 0; t < 5; t++)
            for (var s = 0; s < 2; s++)
                if ((t + s) % 3 != 0) p.Set(t, s, 0, 10 * t + s, flags: (byte)t);
        p.Set(4, 1, 1, 99);
        return p;
    }

    [Fact]
    public void Head_keeps_the_first_hours_cell_for_cell_and_nothing_after()
    {
        var p = Sample();
        var h = p.Head(3);
        Assert.Equal(3, h.Hours);
        Assert.Equal(p.StartUtc, h.StartUtc);
        Assert.Same(p.Stations, h.Stations);
        for (var t = 0; t < 3; t++)
            for (var s = 0; s < 2; s++)
                for (var v = 0; v < 2; v++)
                {
                    var i = p.Index(t, s, v);
                    Assert.Equal(p.Mask[i], h.Mask[h.Index(t, s, v)]);
                    Assert.Equal(p.Values[i], h.Values[h.Index(t, s, v)]);
                    Assert.Equal(p.Flags[i], h.Flags[h.Index(t, s, v)]);
                }
        Assert.Equal(20f, h.Values[h.Index(2, 0, 0)]);   // t = 2, s = 0: 10·2 + 0
        Assert.False(h.Mask[h.Index(2, 1, 0)]);          // (2 + 1) % 3 == 0: never set
        Assert.Equal(3 * 2 * 2, h.Values.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Head_outside_the_panel_is_refused_naming_the_length(int hours)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Sample().Head(hours));
        Assert.Contains("expected 1 to 5 hours", e.Message);
    }
}
