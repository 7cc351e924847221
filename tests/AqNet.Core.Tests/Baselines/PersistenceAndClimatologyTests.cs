using AqNet.Core.Baselines;
using AqNet.Core.Data;
using AqNet.Core.Tests.Windows;
using AqNet.Core.Windows;

namespace AqNet.Core.Tests.Baselines;

public class PersistenceAndClimatologyTests
{
    [Fact]
    public void Persistence_repeats_the_last_observed_value()
    {
        // sample 0: last hour observed (3); sample 1: last hour masked → 2; sample 2: nothing observed → 0 (training mean)
        var set = Fixtures.Pm25Set([[1, 2, 3], [1, 2, 9], [5, 5, 5]], [[1, 1, 1], [1, 1, 0], [0, 0, 0]], h: 2);
        var f = new PersistenceForecaster();
        f.Fit(set, set, Fixtures.Context(), null, default);
        Assert.Equal([3f, 3f, 2f, 2f, 0f, 0f], f.Predict(set, Fixtures.Context()));
    }

    [Fact]
    public void Daily_persistence_is_the_mean_of_the_last_24_observed_hours()
    {
        // W = 30: hours 0..5 hold 100 (outside the last 24), hours 6..29 hold t, hour 29 masked → mean of 6..28 = 17
        var pm = Enumerable.Range(0, 30).Select(t => t < 6 ? 100f : t).ToArray();
        var mk = Enumerable.Range(0, 30).Select(t => t == 29 ? 0f : 1f).ToArray();
        // second sample: the last 24 h are all missing → the last observed value (hour 5: 100)
        var mk2 = Enumerable.Range(0, 30).Select(t => t < 6 ? 1f : 0f).ToArray();
        var set = Fixtures.Pm25Set([pm, pm], [mk, mk2], h: 2);
        var y = new PersistenceForecaster().Predict(set, Fixtures.Context(stepHours: 24));
        Assert.Equal([17f, 17f, 100f, 100f], y);
    }

    [Fact]
    public void Persistence_refuses_windows_without_pm25_history() =>
        Assert.Throws<InputException>(() => new PersistenceForecaster().Predict(
            Fixtures.Pm25Set([[1f]], [[1f]], 1), Fixtures.Context(targetFeature: -1, maskFeature: -1)));

    [Fact]
    public void Climatology_is_the_month_by_local_hour_mean_of_distinct_training_targets()
    {
        // Panel hour t = local hour t of 2013-03-01 (UTC+8). Training windows (H = 2):
        //   T0 = 0 → hours 0, 1 with 10, 20;  T0 = 1 → hours 1 (again: counted once), 2 with 20, 30;
        //   T0 = 24 → hours 24 (local 00 h next day), 25 masked, with 40.
        // Cells: (Mar, 00 h) = (10 + 40) / 2 = 25; (Mar, 01 h) = 20; (Mar, 02 h) = 30; overall mean = (10+20+30+40)/4 = 25.
        var train = new WindowSet(3, 1, 2, 2, ["pol:PM2.5", "mask:PM2.5"]);
        train.T0[0] = 0; train.T0[1] = 1; train.T0[2] = 24;
        float[] y = [10, 20, 20, 30, 40, 999], m = [1, 1, 1, 1, 1, 0];
        y.CopyTo(train.Y, 0); m.CopyTo(train.YMask, 0);
        var ctx = Fixtures.Context();
        var f = new ClimatologyForecaster();
        f.Fit(train, train, ctx, null, default);
        var test = new WindowSet(2, 1, 2, 3, ["pol:PM2.5", "mask:PM2.5"]);
        test.T0[0] = 48; test.T0[1] = 24 * 40; // Mar 3 00 h..02 h; April 10 00 h (no April data → overall mean)
        Assert.Equal([25f, 20f, 30f, 25f, 25f, 25f], f.Predict(test, ctx));
    }

    [Fact]
    public void Daily_climatology_is_the_monthly_mean_of_daily_means()
    {
        var train = new WindowSet(2, 1, 2, 2, ["pol:PM2.5", "mask:PM2.5"]);
        train.T0[0] = 0; train.T0[1] = 24; // days Mar 1, 2 and Mar 2 (repeat), 3
        float[] y = [10, 20, 20, 60], m = [1, 1, 1, 1];
        y.CopyTo(train.Y, 0); m.CopyTo(train.YMask, 0);
        var ctx = Fixtures.Context(stepHours: 24);
        var f = new ClimatologyForecaster();
        f.Fit(train, train, ctx, null, default);
        var test = new WindowSet(1, 1, 2, 1, ["pol:PM2.5", "mask:PM2.5"]);
        test.T0[0] = 24 * 5;
        Assert.Equal([30f], f.Predict(test, ctx)); // (10 + 20 + 60) / 3
    }
}
