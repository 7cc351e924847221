using AqNet.Core.Impute;
using CsCheck;
using Xunit;

namespace AqNet.Core.Tests.Impute;

public class IntervalCalibrationTests
{
    [Fact]
    public void Coverage_and_width_count_the_points_inside_the_interval()
    {
        var s = new ImputeSums();
        s.Add(10, 11, 8, 12);    // inside
        s.Add(10, 11, 10, 12);   // on the lower bound: inside
        s.Add(10, 14, 12, 16);   // outside
        s.Add(20, 18, 17, 19);   // outside
        Assert.Equal(0.5, s.Coverage, 12);
        Assert.Equal((4 + 2 + 4 + 2) / 4.0, s.Width, 12);
        Assert.Equal((1 + 1 + 4 + 2) / 4.0, s.Mae, 12);
    }

    [Fact]
    public void Additive_calibration_uses_the_conformal_quantile_of_absolute_errors()
    {
        // 9 points with errors 1..9: the ⌈10 · 0.9⌉ = 9th smallest is 9.
        var n = 9;
        var e = ImputeEstimates.Empty(n);
        var truth = new float[n];
        var where = Enumerable.Repeat(true, n).ToArray();
        for (var i = 0; i < n; i++) { truth[i] = 50; e.Median[i] = 50 + (i + 1); }
        var c = IntervalCalibration.Fit(e, truth, where);
        Assert.False(c.Scaled);
        Assert.Equal(9, c.Factor, 12);
        c.Apply(e, where);
        Assert.Equal(51 - 9, e.Lower[0], 4);
        Assert.Equal(51 + 9, e.Upper[0], 4);
    }

    [Fact]
    public void Calibrated_intervals_cover_at_least_the_level_on_the_calibration_points_and_are_never_negative()
    {
        Gen.Float[-50, 300].Array[20, 200].Sample(values =>
        {
            var n = values.Length;
            var e = ImputeEstimates.Empty(n);
            var truth = new float[n];
            var where = Enumerable.Repeat(true, n).ToArray();
            for (var i = 0; i < n; i++)
            {
                truth[i] = Math.Abs(values[i]);
                e.Median[i] = values[i];
                e.Lower[i] = values[i] - 5;
                e.Upper[i] = values[i] + 5;
            }
            var c = IntervalCalibration.Fit(e, truth, where);
            c.Apply(e, where);
            var s = new ImputeSums();
            for (var i = 0; i < n; i++) s.Add(truth[i], e.Median[i], e.Lower[i], e.Upper[i]);
            Assert.True(s.Coverage >= 0.9 - 1e-9, $"coverage {s.Coverage}");
            Assert.All(e.Lower, x => Assert.True(x >= 0));
            Assert.All(e.Median, x => Assert.True(x >= 0));
        });
    }
}
