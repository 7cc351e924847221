using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Tests.Spatial;

public class VariogramCrossValidationTests
{
    private static readonly Station[] Line = [.. Enumerable.Range(0, 6).Select(i => Fixtures.At("s" + i, 116 + 0.05 * i, 40))];
    private static readonly VariogramModel Fitted = new(VariogramKind.Exponential, 0.1, 0.9, 100);

    /// <summary>[hour, station] data from value(hour, station).</summary>
    private static SpatialTrainingData Data(int hours, Func<int, int, float> value)
    {
        var s = Line.Length;
        var v = new float[hours * s];
        for (var t = 0; t < hours; t++)
            for (var i = 0; i < s; i++) v[t * s + i] = value(t, i);
        return new SpatialTrainingData(Line, hours, v, [.. v.Select(x => !float.IsNaN(x))]);
    }

    [Fact]
    public void A_smooth_field_gets_no_nugget_and_pure_noise_the_largest()
    {
        // A linear gradient along the line, changing each hour: the neighbours interpolate it best without a nugget.
        var smooth = Data(200, (t, i) => 50 + (t % 17) * i);
        var (m1, s1) = VariogramCrossValidation.Refine(Fitted, smooth, null);
        Assert.Equal(0, m1.Nugget);
        Assert.Equal(Fitted.Sill, m1.Sill, 9);
        Assert.Equal(Fitted.RangeKm, m1.RangeKm);
        Assert.True(s1[0.0] < s1[0.5]);
        // Independent noise at every station: the best estimate is the plain mean of the others (largest nugget tried).
        var rng = new Random(7);
        var noise = Data(300, (_, _) => (float)(100 + 20 * rng.NextDouble()));
        var (m2, _) = VariogramCrossValidation.Refine(Fitted, noise, null);
        Assert.Equal(0.5, m2.Nugget / m2.Sill, 9);
    }

    [Fact]
    public void Hidden_stations_do_not_change_the_choice()
    {
        var data = Data(100, (t, i) => 40 + (t % 5) * i + (i == 2 ? 7 : 0));
        var wild = Data(100, (t, i) => i == 3 ? 1e6f * (t % 2) : 40 + (t % 5) * i + (i == 2 ? 7 : 0));
        var (a, sa) = VariogramCrossValidation.Refine(Fitted, data.WithHidden([3]), 4);
        var (b, sb) = VariogramCrossValidation.Refine(Fitted, wild.WithHidden([3]), 4);
        Assert.Equal(a, b);
        Assert.Equal(sa, sb);
    }

    [Fact]
    public void Too_few_visible_stations_keep_the_fitted_model()
    {
        var data = Data(10, (t, i) => t + i);
        var (m, scores) = VariogramCrossValidation.Refine(Fitted, data.WithHidden([0, 1, 2, 3]), null);
        Assert.Same(Fitted, m);
        Assert.Empty(scores);
    }
}
