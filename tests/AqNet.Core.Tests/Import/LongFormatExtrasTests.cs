using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

/// <summary>Long tables: ISO 8601 times that carry Z or an offset are read without --time-format, and IANA zones
/// convert local times with their summer-time rules; rows with every cell empty are skipped and counted.</summary>
public sealed class LongFormatExtrasTests
{
    private static ImportBatch Read(string text, string zone)
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", text);
        var o = new ImportOptions { Long = new LongFormatOptions { Variable = Variables.Pm25, TimeZone = zone } };
        return Importers.Read("long", [f], o, null, default);
    }

    private static int Utc(int y, int m, int d, int h) => HourAxis.ToHour(new DateTime(y, m, d, h, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Iso_times_with_Z_or_an_offset_need_no_time_format()
    {
        var b = Read("station,time,value\nA,2019-01-01T08:00Z,1\nA,2019-01-01T08:00:00+08:00,2\nA,2019-01-01 10:00,3\n", "UTC");
        Assert.True(b.TryGetSeries("A", Variables.Pm25, out var s));
        Assert.Equal(1f, s.Get(Utc(2019, 1, 1, 8)));
        Assert.Equal(2f, s.Get(Utc(2019, 1, 1, 0)));    // 08:00 at +08:00
        Assert.Equal(3f, s.Get(Utc(2019, 1, 1, 10)));   // the default format, in --time-zone
    }

    [Fact]
    public void An_iana_zone_follows_summer_time()
    {
        // Europe/Berlin: UTC+1 in winter, UTC+2 from 2019-03-31 02:00 local (01:00 UTC).
        var b = Read("station,time,value\nA,2019-03-31 01:00,1\nA,2019-03-31 03:00,2\nA,2019-07-01 12:00,3\n", "Europe/Berlin");
        Assert.True(b.TryGetSeries("A", Variables.Pm25, out var s));
        Assert.Equal(1f, s.Get(Utc(2019, 3, 31, 0)));
        Assert.Equal(2f, s.Get(Utc(2019, 3, 31, 1)));
        Assert.Equal(3f, s.Get(Utc(2019, 7, 1, 10)));
        Assert.Equal("Europe/Berlin", b.SourceTimeZone);
    }

    [Fact]
    public void The_hour_skipped_by_summer_time_and_an_unknown_zone_are_refused()
    {
        var e = Assert.Throws<InputException>(() => Read("station,time,value\nA,2019-03-31 02:00,1\n", "Europe/Berlin"));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("does not exist in Europe/Berlin", e.Message);
        var z = Assert.Throws<InputException>(() => Read("station,time,value\nA,2019-03-31 02:00,1\n", "Asia/Nowhere"));
        Assert.Contains("time zone 'Asia/Nowhere' is not an IANA zone", z.Message);
    }

    [Fact]
    public void Rows_with_every_cell_empty_are_skipped_with_a_count()
    {
        var b = Read("station,time,value\nA,2019-01-01 00:00,1\n,,\n , ,\nA,2019-01-01 01:00,2\n", "UTC");
        Assert.True(b.TryGetSeries("A", Variables.Pm25, out var s));
        Assert.Equal(2, s.ObservedCount());
        Assert.Contains("2 rows with every cell empty were skipped", b.Notes);
    }

    [Fact]
    public void Several_value_columns_are_read_in_one_run_each_as_its_variable()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "station,time,PM2.5,NO2,O3\nA,2019-01-01 00:00,10,20,30\nA,2019-01-01 01:00,11,,31\n");
        var o = new ImportOptions { Long = new LongFormatOptions { ValueColumn = "PM2.5, NO2" } };
        var b = Importers.Read("long", [f], o, null, default);
        Assert.True(b.TryGetSeries("A", Variables.Pm25, out var pm));
        Assert.True(b.TryGetSeries("A", Variables.No2, out var no2));
        Assert.False(b.TryGetSeries("A", Variables.O3, out _));
        Assert.Equal((10f, 11f), (pm.Get(Utc(2019, 1, 1, 0)), pm.Get(Utc(2019, 1, 1, 1))));
        Assert.Equal((20f, SeriesBuilder.SetEmpty), (no2.Get(Utc(2019, 1, 1, 0)), no2.StateAt(Utc(2019, 1, 1, 1))));
        var e = Assert.Throws<InputException>(() => Importers.Read("long", [f], new ImportOptions { Long = new LongFormatOptions { ValueColumn = "PM2.5,ozone" } }, null, default));
        Assert.Contains("'ozone' is not a variable", e.Message);
    }

    [Fact]
    public void Mixing_ratios_and_mg_per_m3_are_converted_to_ug_per_m3()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "station,time,NO2,CO,O3\nA,2019-01-01 00:00,24.45,1,10\n");
        var units = new Dictionary<string, ConcentrationUnit> { [Variables.No2] = ConcentrationUnit.Ppb, [Variables.Co] = ConcentrationUnit.MgM3, ["*"] = ConcentrationUnit.Ppm };
        var b = Importers.Read("long", [f], new ImportOptions { Long = new LongFormatOptions { ValueColumn = "NO2,CO,O3", Units = units } }, null, default);
        var h = Utc(2019, 1, 1, 0);
        Assert.True(b.TryGetSeries("A", Variables.No2, out var no2));
        Assert.Equal(46.0055f, no2.Get(h));                         // 24.45 ppb × 46.0055 g/mol / 24.45 L/mol
        Assert.True(b.TryGetSeries("A", Variables.Co, out var co));
        Assert.Equal(1000f, co.Get(h));
        Assert.True(b.TryGetSeries("A", Variables.O3, out var o3));
        Assert.Equal((float)(10 * 1000 * 47.997 / 24.45), o3.Get(h)); // ppm for every variable not named
        var e = Assert.Throws<InputException>(() => ConcentrationUnits.Factor(Variables.Pm25, ConcentrationUnit.Ppb));
        Assert.Contains("expected ug/m3 or mg/m3 for PM2.5", e.Message);
    }
}
