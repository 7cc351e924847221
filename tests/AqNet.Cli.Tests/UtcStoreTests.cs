using System.Globalization;
using System.Text;
using AqNet.Cli;
using AqNet.Core.Store;

namespace AqNet.Cli.Tests;

/// <summary>A network recorded in UTC (as the US EPA file is) keeps UTC as its local time through `experiment
/// spatial` and `reanalyze --daily`: the store records the zone at ingest and the panel carries it, so no step falls
/// back to Beijing time.</summary>
public sealed class UtcStoreTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    /// <summary>Five stations, ten days of hourly PM2.5 from 2020-01-01T00Z, times written with a Z.</summary>
    private string UtcStore()
    {
        var csv = new StringBuilder("site,time,pm25\n");
        for (var s = 0; s < 5; s++)
            for (var h = 0; h < 240; h++)
                csv.Append(CultureInfo.InvariantCulture, $"U{s},{new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(h):yyyy-MM-ddTHH:mm}Z,{30 + 5 * s + 10 * Math.Sin(h / 4.0) + h % 7:F1}\n");
        var data = _fx.Write("obs.csv", csv.ToString());
        var sites = _fx.Write("sites.csv", "station,longitude,latitude\nU0,-87.9,41.8\nU1,-87.7,41.9\nU2,-87.6,41.7\nU3,-88.0,42.0\nU4,-87.8,42.1\n");
        var store = _fx.Path_("us.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "long", data, "--station-column", "site", "--time-column", "time", "--value-column", "pm25",
            "--variable", "PM2.5", "--stations", sites, "--store", store);
        Assert.True(exit == 0, err);
        return store;
    }

    [Fact]
    public void The_panel_of_a_utc_store_is_in_utc()
    {
        var store = UtcStore();
        using var s = AqStore.OpenRead(store);
        Assert.Equal(0, PanelLoader.Load(s, null, ["PM2.5"]).UtcOffsetHours);
    }

    [Fact]
    public void Spatial_model_and_daily_reanalysis_of_a_utc_store_use_utc_days()
    {
        var store = UtcStore();
        var spatial = _fx.Path_("spatial");
        var (exit, _, err) = CliApp.Run("experiment", "spatial", "--store", store, "--protocol", "holdout", "--quick", "--out", spatial);
        Assert.True(exit == 0, err);
        Assert.Contains("\"utc_offset_hours\": 0", File.ReadAllText(Path.Combine(spatial, "model", "model.json")));

        // 48 hours ending 2020-01-05T01Z .. 2020-01-07T00Z: exactly two UTC days (hours labelled 01:00 .. 24:00);
        // in Beijing time they would be one whole day and two partial ones.
        var nc = _fx.Path_("daily.nc");
        string output;
        (exit, output, err) = CliApp.Run("reanalyze", "--model", Path.Combine(spatial, "model"), "--store", store, "--bbox", "-88.1,41.6,-87.5,42.2",
            "--resolution", "0.1", "--from", "2020-01-05T01", "--to", "2020-01-07T00", "--daily", "--out", nc);
        Assert.True(exit == 0, err);
        Assert.Contains(": 2 days ×", output);
        Assert.DoesNotContain("partial", output);
        var summary = File.ReadAllText(Path.Combine(_fx.Dir, "daily.summary.md"));
        Assert.Contains("local days (UTC,", summary);
    }
}
