using AqNet.Core.Data;
using AqNet.Core.Preprocessing;
using AqNet.Core.Splitting;
using AqNet.Core.Windows;

namespace AqNet.Core.Tests.Windows;

public class WindowBuilderTests
{
    // One station, 12 hours; PM2.5 = t + 1, pollutant v (≥ 1) = 10·v + t.
    private static Panel Hourly(params int[] missingPm25Hours) =>
        Fixtures.Panel(12, 1, (t, s, v) => v == 0 ? (missingPm25Hours.Contains(t) ? float.NaN : t + 1) : 10 * v + t);

    [Fact]
    public void Windows_hold_scaled_inputs_and_targets()
    {
        var p = Hourly();
        var sc = WindowBuilder.FitScaler(p, new HourRange(0, 12));
        var std = Math.Sqrt(143.0 / 12); // population std of 1..12
        Assert.Equal(6.5, sc.Mean[sc.IndexOf("PM2.5")], 9);
        Assert.Equal(std, sc.Std[sc.IndexOf("PM2.5")], 9);
        var o = new WindowOptions { W = 3, Horizon = 2 };
        var set = WindowBuilder.Build(p, new HourRange(0, 12), o, sc);
        Assert.Equal(8, set.N); // t0 = 3 .. 10
        Assert.Equal(Enumerable.Range(3, 8), set.T0);
        Assert.Equal(6 + 6 + 6, set.F);
        Assert.Equal("pol:PM2.5", set.FeatureNames[0]);
        Assert.Equal("mask:PM2.5", set.FeatureNames[6]);
        Assert.Equal(6, set.FeatureIndices("cyc:").Length);
        // sample 1 (t0 = 4): inputs hours 1..3 → PM2.5 2, 3, 4; targets hours 4, 5 → 5, 6
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal((t + 2 - 6.5) / std, set.X[(1 * 3 + t) * set.F + 0], 5);
            Assert.Equal(1f, set.X[(1 * 3 + t) * set.F + 6]);
        }
        Assert.Equal((5 - 6.5) / std, set.Y[2], 5);
        Assert.Equal((6 - 6.5) / std, set.Y[3], 5);
        Assert.Equal([1f, 1f], set.YMask[2..4]);
        var cyc = new float[6];
        CyclicEncoding.Encode(p.TimeAt(1), 8, cyc);
        Assert.Equal(cyc, set.X.AsSpan(3 * set.F + 12, 6).ToArray());
        var ctx = WindowBuilder.Context(p, set, o, sc);
        Assert.Equal((0, 6, 1), (ctx.TargetFeature, ctx.TargetMaskFeature, ctx.StepHours));
        Assert.Equal(5f, ctx.Unscale(set.Y[2]), 4);
    }

    [Fact]
    public void Missing_inputs_are_zero_with_mask_zero_and_sparse_windows_are_skipped()
    {
        var p = Hourly(5, 6);
        var sc = WindowBuilder.FitScaler(p, new HourRange(0, 12));
        var set = WindowBuilder.Build(p, new HourRange(0, 12), new WindowOptions { W = 3, Horizon = 2 }, sc);
        // t0 = 5: no observed target; 7 and 8: only 1 of 3 input hours has PM2.5 (< 50 %)
        Assert.Equal([3, 4, 6, 9, 10], set.T0);
        Assert.Equal([1f, 0f], set.YMask[2..4]); // t0 = 4: targets hours 4 (obs) and 5 (missing)
        Assert.Equal(0f, set.Y[3]);
        // t0 = 6 (sample 2): input hour 5 is the last row: PM2.5 0, its mask 0, other pollutants present
        var last = (2 * 3 + 2) * set.F;
        Assert.Equal((0f, 0f, 1f), (set.X[last], set.X[last + 6], set.X[last + 7]));
    }

    [Fact]
    public void Scalers_see_only_the_training_hours()
    {
        var a = Hourly();
        var b = Fixtures.Panel(12, 1, (t, s, v) => t < 8 ? (v == 0 ? t + 1 : 10 * v + t) : 999);
        var sa = WindowBuilder.FitScaler(a, new HourRange(0, 8));
        var sb = WindowBuilder.FitScaler(b, new HourRange(0, 8));
        Assert.Equal(4.5, sa.Mean[0], 9);
        Assert.Equal(sa.Mean, sb.Mean);
        Assert.Equal(sa.Std, sb.Std);
    }

    [Fact]
    public void Features_follow_the_options()
    {
        var vars = Variables.Pollutants.Concat([Variables.Temp, Variables.Wd]).ToArray();
        var p = Fixtures.Panel(12, 2, (t, s, v) => v == 7 ? 90 : t + v + s, variables: vars);
        var sc = WindowBuilder.FitScaler(p, new HourRange(0, 12));
        var o = new WindowOptions { W = 4, Horizon = 1, IncludeMeteorology = true, IncludeTargetHistory = false };
        var set = WindowBuilder.Build(p, new HourRange(0, 12), o, sc);
        Assert.Equal(5 + 5 + 3 + 6, set.F);
        Assert.DoesNotContain("pol:PM2.5", set.FeatureNames);
        Assert.Equal(["met:TEMP", "met:WD_sin", "met:WD_cos"], set.FeatureNames.Skip(10).Take(3));
        Assert.Equal(1f, set.X[11], 6); // WD 90° → sin 1
        Assert.Equal(0f, set.X[12], 6);
        Assert.Equal(2 * 8, set.N); // both stations pooled, t0 = 4 .. 11
        Assert.Equal(1, set.Station[8]);
        var ctx = WindowBuilder.Context(p, set, o, sc);
        Assert.Equal((-1, -1), (ctx.TargetFeature, ctx.TargetMaskFeature));
        var noCyc = WindowBuilder.Build(p, new HourRange(0, 12), o with { CyclicEncoding = false }, sc);
        Assert.Empty(noCyc.FeatureIndices("cyc:"));
    }

    [Fact]
    public void Daily_targets_are_local_day_means_needing_18_observed_hours()
    {
        // 4 local days, PM2.5 constant per day: 1, 11, 21, 31; day 2 has 17 observed hours, day 3 has 18.
        var p = Fixtures.Panel(96, 1, (t, s, v) =>
            v != 0 ? 5 : (t / 24 == 2 && t % 24 < 7) || (t / 24 == 3 && t % 24 < 6) ? float.NaN : 1 + 10 * (t / 24));
        var sc = WindowBuilder.FitScaler(p, new HourRange(0, 96));
        var o = new WindowOptions { W = 24, Horizon = 2, Daily = true };
        var set = WindowBuilder.Build(p, new HourRange(0, 96), o, sc);
        var ctx = WindowBuilder.Context(p, set, o, sc);
        Assert.Equal([24, 48], set.T0);
        Assert.Equal([1f, 0f, 0f, 1f], set.YMask);
        Assert.Equal(11f, ctx.Unscale(set.Y[0]), 3);
        Assert.Equal(31f, ctx.Unscale(set.Y[3]), 3);
        Assert.Equal(24, ctx.StepHours);
        // a panel starting at 05 h local: windows still start at local midnight (t = 19 + 24k)
        var q = Fixtures.Panel(96, 1, (t, s, v) => 3, start: Fixtures.LocalMidnightUtc.AddHours(5));
        Assert.Equal([43], WindowBuilder.Build(q, new HourRange(0, 96), o, WindowBuilder.FitScaler(q, new HourRange(0, 96))).T0);
    }

    [Fact]
    public void Options_are_checked()
    {
        var p = Hourly();
        var sc = WindowBuilder.FitScaler(p, new HourRange(0, 12));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            WindowBuilder.Build(p, new HourRange(0, 12), new WindowOptions { W = 3, Horizon = 1, MinObservedInputFraction = double.NaN }, sc));
        Assert.Equal("MinObservedInputFraction", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            WindowBuilder.Build(p, new HourRange(0, 12), new WindowOptions { W = 3, Horizon = 1, Daily = true, Stride = 5 }, sc));
        Assert.Throws<InputException>(() =>
            WindowBuilder.Build(p, new HourRange(0, 12), new WindowOptions { W = 3, Horizon = 1, IncludeMeteorology = true }, sc));
    }
}
