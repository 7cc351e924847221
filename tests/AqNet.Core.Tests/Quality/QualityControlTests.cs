using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Quality;

namespace AqNet.Core.Tests.Quality;

public class QualityControlTests
{
    private const int H0 = 400_000;

    private static SeriesBuilder Add(ImportBatch b, string station, string variable, params float[] values)
    {
        var s = b.GetOrAddSeries(station, variable);
        for (var i = 0; i < values.Length; i++) s.Set(H0 + i, values[i], "test");
        return s;
    }

    private static QcFlags[] Flags(SeriesBuilder s) => [.. s.DenseFlags().Select(f => (QcFlags)f)];

    [Fact]
    public void Bounds_are_inclusive_and_negatives_are_flagged()
    {
        var b = new ImportBatch("test", "UTC");
        var s = Add(b, "A", Variables.Pm25, -0.5f, 0f, 1500f, 1500.5f, float.NaN);
        QualityControl.Apply(b, QcOptions.Default with { ConstantRunHours = 0 });
        Assert.Equal([QcFlags.OutOfBounds, QcFlags.None, QcFlags.None, QcFlags.OutOfBounds, QcFlags.None], Flags(s));
    }

    [Fact]
    public void An_isolated_spike_is_flagged_but_a_sustained_rise_is_not()
    {
        var b = new ImportBatch("test", "UTC");
        float[] baseLine = [50, 52, 48, 51, 49, 50, 300, 50, 51, 49, 52, 48, 50];
        var spike = Add(b, "A", Variables.Pm25, baseLine);
        // Same jump, but lasting: the neighbours are high too, so no single hour is isolated.
        var episode = Add(b, "B", Variables.Pm25, 50, 52, 48, 51, 49, 50, 300, 310, 305, 298, 302, 300, 299);
        QualityControl.Apply(b, QcOptions.Default with { ConstantRunHours = 0 });
        var f = Flags(spike);
        Assert.Equal(QcFlags.Spike, f[6]);
        Assert.Equal(1, f.Count(x => x != QcFlags.None));
        Assert.All(Flags(episode), x => Assert.Equal(QcFlags.None, x));
        Assert.Equal(300f, spike.Get(H0 + 6)); // marked, not removed
    }

    [Fact]
    public void A_spike_needs_neighbours_on_both_sides()
    {
        var b = new ImportBatch("test", "UTC");
        var s = Add(b, "A", Variables.Pm25, 50, 51, 49, 50, 52, 300);
        QualityControl.Apply(b, QcOptions.Default with { ConstantRunHours = 0 });
        Assert.All(Flags(s), x => Assert.Equal(QcFlags.None, x));
    }

    [Fact]
    public void Constant_runs_of_N_hours_are_flagged_missing_breaks_runs_and_zero_rain_is_ignored()
    {
        var b = new ImportBatch("test", "UTC");
        var o = QcOptions.Default with { ConstantRunHours = 4 };
        var pm = Add(b, "A", Variables.Pm25, 40, 40, 40, 40, 41, 40, 40, float.NaN, 40, 40);
        var rain = Add(b, "A", Variables.Rain, 0, 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f);
        QualityControl.Apply(b, o);
        Assert.Equal([.. Enumerable.Repeat(QcFlags.ConstantRun, 4), .. Enumerable.Repeat(QcFlags.None, 6)], Flags(pm));
        Assert.Equal([.. Enumerable.Repeat(QcFlags.None, 5), .. Enumerable.Repeat(QcFlags.ConstantRun, 4)], Flags(rain));
    }

    [Fact]
    public void Pm25_above_pm10_flags_both_at_the_same_hour_only()
    {
        var b = new ImportBatch("test", "UTC");
        var pm25 = Add(b, "A", Variables.Pm25, 30, 80, 20);
        var pm10 = b.GetOrAddSeries("A", Variables.Pm10);
        pm10.Set(H0 + 1, 60, "t"); // shorter series, offset by one hour
        pm10.Set(H0 + 2, 25, "t");
        var other = Add(b, "B", Variables.Pm10, 1, 1, 1); // another station never interacts
        var report = QualityControl.Apply(b, QcOptions.Default with { ConstantRunHours = 0 });
        Assert.Equal([QcFlags.None, QcFlags.Pm25AbovePm10, QcFlags.None], Flags(pm25));
        Assert.Equal([QcFlags.Pm25AbovePm10, QcFlags.None], Flags(pm10));
        Assert.All(Flags(other), x => Assert.Equal(QcFlags.None, x));
        Assert.Equal(1, report.For("A", Variables.Pm25).Pm25AbovePm10);
        Assert.Equal(2, report.Total.Pm25AbovePm10);
        Assert.Equal(8, report.Total.Observed);
    }

    [Fact]
    public void Apply_is_idempotent_and_keeps_the_reconciled_bit()
    {
        var b = new ImportBatch("test", "UTC");
        var s = Add(b, "A", Variables.Pm25, -1, 10, 12);
        s.DenseFlags()[1] = (byte)(QcFlags.Reconciled | QcFlags.Spike); // a stale Spike bit must go
        var r1 = QualityControl.Apply(b);
        var first = Flags(s);
        var r2 = QualityControl.Apply(b);
        Assert.Equal(first, Flags(s));
        Assert.Equal([QcFlags.OutOfBounds, QcFlags.Reconciled, QcFlags.None], first);
        Assert.Equal(r1.Total, r2.Total);
    }

    [Fact]
    public void A_station_with_an_empty_series_is_checked_like_any_other()
    {
        var b = new ImportBatch("test", "UTC");
        b.GetOrAddSeries("A", Variables.Pm10);                      // created but never set
        var pm25 = Add(b, "A", Variables.Pm25, 10f, 2000f);
        var report = QualityControl.Apply(b, QcOptions.Default with { ConstantRunHours = 0 });
        Assert.Equal([QcFlags.None, QcFlags.OutOfBounds], Flags(pm25));
        Assert.Equal(0, report.For("A", Variables.Pm10).Observed);
        Assert.Equal(1, report.For("A", Variables.Pm25).OutOfBounds);
    }
}
