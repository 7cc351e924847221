using AqNet.Core.Data;
using AqNet.Core.Splitting;
using CsCheck;

namespace AqNet.Core.Tests.Splitting;

public class TimeSplitTests
{
    [Fact]
    public void Exact_ranges_for_a_small_axis()
    {
        // usable = 1000 − 2·30 = 940 → test ⌊188⌋ = 188, validation ⌊94⌋ = 94, train 658.
        var s = TimeSplit.ByFraction(1000, 24, 6);
        Assert.Equal(30, s.Gap);
        Assert.Equal(new HourRange(0, 658), s.Train);
        Assert.Equal(new HourRange(688, 782), s.Validation);
        Assert.Equal(new HourRange(812, 1000), s.Test);
        Assert.Equal(new HourRange(24, 653), s.Anchors(s.Train)); // t0 + 6 ≤ 658
    }

    [Fact]
    public void Parts_are_disjoint_ordered_cover_the_axis_except_gaps_and_hold_their_windows() =>
        Gen.Select(Gen.Int[50, 60000], Gen.Int[1, 400], Gen.Int[1, 200], Gen.Double[0.05, 0.3], Gen.Double[0.05, 0.4])
            .Sample(c =>
            {
                var (hours, w, h, val, test) = c;
                TimeSplit s;
                try { s = TimeSplit.ByFraction(hours, w, h, 1 - val - test, val, test); }
                catch (InputException)
                {
                    // only when some part would be shorter than one window
                    var usable = hours - 2 * (w + h);
                    var tl = (int)Math.Floor(usable * test); var vl = (int)Math.Floor(usable * val);
                    Assert.True(Math.Min(Math.Min(tl, vl), usable - tl - vl) < w + h);
                    return;
                }
                Assert.Equal(0, s.Train.Start);
                Assert.Equal(hours, s.Test.End);
                Assert.Equal(s.Train.End + w + h, s.Validation.Start);
                Assert.Equal(s.Validation.End + w + h, s.Test.Start);
                Assert.Equal(hours - 2 * (w + h), s.Parts.Sum(p => p.Length));
                foreach (var part in s.Parts)
                {
                    var a = s.Anchors(part);
                    Assert.True(a.Length > 0);
                    // first and last window (inputs t0−W .. targets t0+h−1) lie in the part, so none crosses a boundary
                    Assert.True(part.Covers(a.Start - w, a.Start + h));
                    Assert.True(part.Covers(a.End - 1 - w, a.End - 1 + h));
                    Assert.False(part.Covers(a.End - w, a.End + h)); // the next anchor would cross the end
                }
            }, iter: 2000);

    [Theory]
    [InlineData(double.NaN, 0.1, 0.2, "trainFrac")]
    [InlineData(0.7, -0.1, 0.2, "valFrac")]
    [InlineData(0.7, 0.1, 1.5, "testFrac")]
    public void Bad_fractions_name_the_parameter(double tr, double va, double te, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TimeSplit.ByFraction(1000, 24, 6, tr, va, te));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void Fractions_must_sum_to_one_and_the_axis_must_be_long_enough()
    {
        Assert.Contains("add up to 1", Assert.Throws<InputException>(() => TimeSplit.ByFraction(1000, 24, 6, 0.5, 0.1, 0.2)).Message);
        Assert.Contains("too few", Assert.Throws<InputException>(() => TimeSplit.ByFraction(200, 24, 24)).Message);
    }
}
