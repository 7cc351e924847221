using AqNet.Core.Data;
using AqNet.Core.Fill;

namespace AqNet.Core.Tests.Fill;

public sealed class LinearThenKrigingFillerTests
{
    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Three stations 10 km apart on a line, 48 hours: A a ramp 10 + t with a 3-hour gap (t = 10..12) and a
    /// QC-flagged value at t = 20; B and C both 50 + (t mod 5), B missing t = 30..39 (10 hours) and C missing t = 0.</summary>
    internal static Panel Sample()
    {
        Station S(string id, double lat) => new(id, id, 116, lat);
        var p = new Panel(T0, 48, [S("A", 40.0), S("B", 40.09), S("C", 40.18)], [Variables.Pm25]);
        for (var t = 0; t < 48; t++)
        {
            if (t is < 10 or > 12) p.Set(t, 0, 0, 10 + t, t == 20 ? (byte)2 : (byte)0);
            if (t is < 30 or > 39) p.Set(t, 1, 0, 50 + t % 5);
            if (t > 0) p.Set(t, 2, 0, 50 + t % 5);
        }
        return p;
    }

    [Fact]
    public void Observed_values_pass_through_and_gaps_are_filled_by_the_right_method()
    {
        var panel = Sample();
        var r = new LinearThenKrigingFiller().Fill(panel, 0, 48, null, CancellationToken.None);
        Assert.Equal((3, 48, T0), (r.S, r.Hours, r.StartUtc));
        float V(int t, int s) => r.Value[r.Index(t, s)];
        FillFlag F(int t, int s) => r.Flag[r.Index(t, s)];
        // A's 3-hour gap: linear between 19 (t = 9) and 23 (t = 13), as its ramp.
        Assert.Equal([20f, 21f, 22f], new[] { V(10, 0), V(11, 0), V(12, 0) });
        Assert.Equal(FillFlag.Filled, F(11, 0));
        // The flagged value passes through unchanged, marked.
        Assert.Equal((30f, FillFlag.ObservedFlagged), (V(20, 0), F(20, 0)));
        // B's 10-hour gap: kriging from A and C at the same hour; B lies halfway between them, so by symmetry the
        // ordinary-kriging weights are ½ and ½ whatever the variogram.
        for (var t = 30; t < 40; t++)
        {
            Assert.Equal(FillFlag.Filled, F(t, 1));
            Assert.Equal((V(t, 0) + V(t, 2)) / 2, V(t, 1), 3);
        }
        // C's first hour has no earlier value, so no linear interpolation: kriging from A and B.
        Assert.Equal(FillFlag.Filled, F(0, 2));
        // Everything observed and unflagged is unchanged, with a zero-width interval.
        for (var t = 0; t < 48; t++)
            for (var s = 0; s < 3; s++)
            {
                var i = panel.Index(t, s, 0);
                if (!panel.Mask[i]) continue;
                Assert.Equal(panel.Values[i], V(t, s));
                Assert.Equal((V(t, s), V(t, s)), (r.Lower[r.Index(t, s)], r.Upper[r.Index(t, s)]));
            }
        Assert.Equal(3 + 10 + 1, r.Count(FillFlag.Filled));
        Assert.Equal(1, r.Count(FillFlag.ObservedFlagged));
        Assert.DoesNotContain(r.Value, float.IsNaN);
        for (var i = 0; i < r.Value.Length; i++)
            if (r.Flag[i] == FillFlag.Filled) Assert.True(r.Lower[i] <= r.Value[i] && r.Value[i] <= r.Upper[i] && r.Lower[i] >= 0, $"interval at {i}");
    }

    [Fact]
    public void A_gap_crossing_the_start_of_the_period_uses_the_context_hours()
    {
        var r = new LinearThenKrigingFiller().Fill(Sample(), 11, 14, null, CancellationToken.None);
        Assert.Equal(T0.AddHours(11), r.StartUtc);
        Assert.Equal([21f, 22f, 23f], Enumerable.Range(0, 3).Select(t => r.Value[r.Index(t, 0)]));
        Assert.Equal([FillFlag.Filled, FillFlag.Filled, FillFlag.Observed], Enumerable.Range(0, 3).Select(t => r.Flag[r.Index(t, 0)]));
    }

    [Fact]
    public void Residual_quantiles_are_type_7_and_coverage_is_measured_on_the_other_half()
    {
        Assert.Equal(2.5, ResidualCalibration.Quantile([1, 2, 3, 4], 0.5));
        Assert.Equal(1.15, ResidualCalibration.Quantile([1, 2, 3, 4], 0.05), 12);
        // Estimates 20 (scale 20): residuals 0.1·k for k = 0..9; even ones fit, odd ones test.
        var pairs = Enumerable.Range(0, 10).Select(k => (20 + 2f * k, 20f)).ToList();
        var c = ResidualCalibration.Of(pairs, 0.05, 0.95);
        Assert.Equal((0.04, 0.76), (Math.Round(c.Low, 6), Math.Round(c.High, 6))); // quantiles of 0, .2, .4, .6, .8
        Assert.Equal(0.8, c.MeasuredCoverage, 12);                                 // .1, .3, .5, .7 inside; .9 outside
        Assert.Equal((20.8f, 35.2f), c.Interval(20));
        Assert.Equal((0.4f, 7.6f), c.Interval(0)); // below 10 µg/m³ the scale is 10
    }
}
