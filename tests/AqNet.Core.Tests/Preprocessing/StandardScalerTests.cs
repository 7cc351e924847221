using AqNet.Core.Preprocessing;
using CsCheck;

namespace AqNet.Core.Tests.Preprocessing;

public class StandardScalerTests
{
    [Fact]
    public void Fits_on_observed_values_only()
    {
        // rows × 2 features; feature a observed 1, 2, 3 (mean 2, population std √(2/3)); the masked 1000 is ignored.
        float[] v = [1, 10, 2, 1000, 3, 10];
        bool[] m = [true, true, true, false, true, true];
        var s = StandardScaler.Fit(["a", "b"], v, m);
        Assert.Equal(2, s.Mean[0], 12);
        Assert.Equal(Math.Sqrt(2.0 / 3), s.Std[0], 12);
        Assert.Equal(10, s.Mean[1], 12);
        Assert.Equal(1, s.Std[1]); // constant feature: std 1, not 0
        Assert.Equal([3L, 2L], s.Count);
        Assert.Equal(-1 / Math.Sqrt(2.0 / 3), s.Transform(0, 1), 5);
    }

    [Fact]
    public void Transform_and_inverse_round_trip_and_json_round_trips_exactly() =>
        Gen.Float[-1000, 1000].Array[2, 40].Select(Gen.Float[-5000, 5000])
            .Sample(c =>
            {
                var (xs, probe) = c;
                var s = StandardScaler.Fit(["x"], xs, Enumerable.Repeat(true, xs.Length).ToArray());
                Assert.Equal(probe, s.Inverse(0, s.Transform(0, probe)), Math.Max(1e-3, Math.Abs(probe) * 1e-5));
                var back = StandardScaler.FromJson(s.ToJson());
                Assert.Equal(s.Mean, back.Mean);
                Assert.Equal(s.Std, back.Std);
                Assert.Equal(s.Names, back.Names);
                Assert.Equal(s.Count, back.Count);
            }, iter: 300);

    [Fact]
    public void A_masked_value_never_changes_the_fit() =>
        Gen.Float.Sample(junk =>
        {
            var a = StandardScaler.Fit(["x"], [1f, 4f, junk], [true, true, false]);
            Assert.Equal(2.5, a.Mean[0], 12);
            Assert.Equal(1.5, a.Std[0], 12);
        }, iter: 200);

    [Fact]
    public void Bad_json_and_bad_arguments_are_clear()
    {
        Assert.Throws<AqNet.Core.Data.InputException>(() => StandardScaler.FromJson("{}"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StandardScaler(["x"], [double.NaN], [1], [1]));
        Assert.Equal("mean", e.ParamName);
        Assert.Throws<ArgumentException>(() => StandardScaler.Fit(["x"], [float.NaN], [true]));
    }
}
