using AqNet.Core.Import;
using CsCheck;

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

    [Fact]
    public void A_capacity_hint_changes_nothing_but_the_allocation()
    {
        // Random cells in random order, before and after the first hour: the same series with and without a hint.
        Gen.Int[0, 5000].Select(Gen.Int[-300, 300].Array[1, 60]).Sample((capacity, hours) =>
        {
            var plain = new SeriesBuilder("A", "PM2.5");
            var hinted = new SeriesBuilder("A", "PM2.5", capacity);
            foreach (var h in hours.Distinct())
            {
                plain.Set(h, h, "test");
                hinted.Set(h, h, "test");
            }
            var (pv, pm) = plain.Dense();
            var (hv, hm) = hinted.Dense();
            return (plain.FirstHour, plain.LastHour) == (hinted.FirstHour, hinted.LastHour) && pv.AsSpan().SequenceEqual(hv) && pm.AsSpan().SequenceEqual(hm);
        });
    }

    [Fact]
    public void Dense_into_fills_caller_buffers_and_refuses_short_ones()
    {
        var s = new SeriesBuilder("A", "PM2.5", 48);
        s.Set(10, 1f, "test");
        s.Set(12, 3f, "test");
        var v = new float[5];
        var m = new bool[5];
        Array.Fill(m, true);  // stale contents, as in a pooled buffer
        s.DenseInto(v, m);
        Assert.Equal([true, false, true, true, true], m);   // only the first Length = 3 items are written
        Assert.Equal(1f, v[0]);
        Assert.True(float.IsNaN(v[1]));
        Assert.Equal(3f, v[2]);
        Assert.Throws<ArgumentException>(() => s.DenseInto(new float[2], new bool[3]));
    }
}
