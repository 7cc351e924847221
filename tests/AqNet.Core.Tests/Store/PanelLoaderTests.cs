using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Store;
using CsCheck;

namespace AqNet.Core.Tests.Store;

/// <summary>The store round trip: what an ingest observed comes back from PanelLoader at the same station, hour and
/// variable, with the mask true exactly there; merges keep earlier values that a later ingest did not observe.</summary>
public sealed class PanelLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aqnet-store-" + Guid.NewGuid().ToString("N")[..8]);

    public PanelLoaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateTime T0 = new(2019, 1, 31, 20, 0, 0, DateTimeKind.Utc); // crosses a month boundary

    private static ImportBatch Batch(string source, params (string Station, string Variable, int Hour, float Value)[] cells)
    {
        var b = new ImportBatch(source, "UTC");
        foreach (var id in cells.Select(c => c.Station).Distinct()) b.AddStation(new Station(id, id, 116, 40));
        foreach (var (s, v, h, x) in cells) b.GetOrAddSeries(s, v).Set(HourAxis.ToHour(T0) + h, x, "test");
        return b;
    }

    [Fact]
    public void Values_masks_and_flags_come_back_where_they_were_written()
    {
        var path = Path.Combine(_dir, "a.duckdb");
        var batch = Batch("t", ("A", "PM2.5", 0, 10f), ("A", "PM2.5", 5, 15f), ("A", "PM2.5", 6, float.NaN), ("B", "PM10", 3, 30f));
        batch.GetOrAddSeries("A", "PM2.5").DenseFlags()[5] = 2; // hour 5 is the series' index 5
        using (var store = AqStore.OpenWrite(path)) StoreWriter.Ingest(store, batch);
        using var read = AqStore.OpenRead(path);
        var p = PanelLoader.Load(read, null, ["PM2.5", "PM10"]);
        Assert.Equal(T0, p.StartUtc);
        Assert.Equal(7, p.Hours);                               // hours 0..6 (6 was an explicit blank)
        Assert.Equal(["A", "B"], p.Stations.Select(s => s.Id));
        Assert.Equal(10f, p.Values[p.Index(0, 0, 0)]);
        Assert.Equal(15f, p.Values[p.Index(5, 0, 0)]);
        Assert.Equal(2, p.Flags[p.Index(5, 0, 0)]);
        Assert.Equal(30f, p.Values[p.Index(3, 1, 1)]);
        Assert.Equal(3, p.Mask.Count(m => m));
        for (var i = 0; i < p.Values.Length; i++) Assert.Equal(p.Mask[i], !float.IsNaN(p.Values[i]));
    }

    [Fact]
    public void A_later_ingest_overwrites_what_it_observed_and_keeps_the_rest()
    {
        var path = Path.Combine(_dir, "b.duckdb");
        using (var store = AqStore.OpenWrite(path))
        {
            StoreWriter.Ingest(store, Batch("t", ("A", "PM2.5", 0, 10f), ("A", "PM2.5", 1, 11f)));
            StoreWriter.Ingest(store, Batch("t", ("A", "PM2.5", 1, 99f), ("A", "PM2.5", 2, 12f)));
        }
        using var read = AqStore.OpenRead(path);
        var p = PanelLoader.Load(read, ["A"], ["PM2.5"]);
        Assert.Equal([10f, 99f, 12f], p.Values);
    }

    [Fact]
    public void A_time_range_outside_the_data_is_a_clear_error()
    {
        var path = Path.Combine(_dir, "c.duckdb");
        using (var store = AqStore.OpenWrite(path)) StoreWriter.Ingest(store, Batch("t", ("A", "PM2.5", 0, 10f)));
        using var read = AqStore.OpenRead(path);
        var e = Assert.Throws<InputException>(() => PanelLoader.Load(read, null, ["PM2.5"], T0.AddYears(1), T0.AddYears(1).AddHours(3)));
        Assert.Contains("outside the store's data", e.Message);
        Assert.Throws<InputException>(() => PanelLoader.Load(read, ["Nope"], ["PM2.5"]));
    }

    [Fact]
    public void Random_series_round_trip_with_observed_plus_missing_equal_to_hours()
    {
        Gen.Float[0f, 500f].Array[1, 200].Select(Gen.Int[0, 3000]).Sample((values, offset) =>
        {
            var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".duckdb");
            var b = new ImportBatch("t", "UTC");
            b.AddStation(new Station("S", "S", 1, 1));
            var s = b.GetOrAddSeries("S", "O3");
            var start = HourAxis.ToHour(T0) + offset;
            for (var i = 0; i < values.Length; i++) s.Set(start + i, i % 3 == 1 ? float.NaN : values[i], "gen");
            using (var store = AqStore.OpenWrite(path)) StoreWriter.Ingest(store, b);
            using var read = AqStore.OpenRead(path);
            var p = PanelLoader.Load(read, null, ["O3"]);
            var cov = StoreReader.Coverage(read)["S"].Single();
            File.Delete(path);
            for (var i = 0; i < values.Length; i++)
                if (i % 3 != 1 && p.Values[i] != values[i]) return false;
            return cov.Observed + cov.Missing == values.Length && cov.Observed == p.Mask.Count(m => m);
        }, iter: 20);
    }

    [Fact]
    public void Per_station_time_zones_are_stored_and_others_get_the_source_zone()
    {
        var path = Path.Combine(_dir, "tz.duckdb");
        var batch = Batch("t", ("A", "PM2.5", 0, 10f), ("B", "PM2.5", 0, 20f));
        batch.StationTimeZones["A"] = "UTC+08:00";
        using (var store = AqStore.OpenWrite(path)) StoreWriter.Ingest(store, batch);
        using var read = AqStore.OpenRead(path);
        var zones = StoreReader.Stations(read).ToDictionary(s => s.Station.Id, s => s.TimeZone);
        Assert.Equal("UTC+08:00", zones["A"]);
        Assert.Equal("UTC", zones["B"]);
    }
}
