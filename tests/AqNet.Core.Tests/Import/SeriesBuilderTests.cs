using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

public sealed class SeriesBuilderTests
{
    [Fact]
    public void Strided_cells_land_at_their_hours_blanks_stay_unobserved_and_a_repeat_is_reported()
    {
        var s = new SeriesBuilder("A", "PM2.5");
        // a [row, column] block of 3 rows × 2 columns; column 1 holds 10, NaN, 30
        float[] block = [0, 10, 0, float.NaN, 0, 30];
        Assert.Equal(-1, s.TrySetStrided([100, 101, 103], block, 1, 2));
        Assert.Equal((100, 103), (s.FirstHour, s.LastHour));
        Assert.Equal([10f, float.NaN, float.NaN, 30f], Enumerable.Range(100, 4).Select(s.Get));
        Assert.Equal(SeriesBuilder.SetEmpty, s.StateAt(101));
        Assert.Equal(SeriesBuilder.Missing, s.StateAt(102));
        Assert.Equal((2L, 0L), s.CountObservedAndFlagged());
        Assert.Equal(1, s.TrySetStrided([99, 101], block, 1, 2));   // hour 101 was set: index 1 of the call
    }
}
