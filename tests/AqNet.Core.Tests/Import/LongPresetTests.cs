using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

/// <summary>The presets of public downloads: OpenAQ's archive and older CSV, the EEA download service. Units are
/// converted at 25 °C and 1 atm (µg/m³ = ppb × M / 24.45).</summary>
public sealed class LongPresetTests
{
    // OpenAQ archive: two sensors at location 2178 (pm25 in µg/m³, co in ppm, o3 in ppb), a temperature row skipped
    internal const string OpenAq =
        "location_id,sensors_id,location,datetime,lat,lon,parameter,units,value\n" +
        "2178,3919,Del Norte-2178,2021-12-16 01:00:00+00:00,35.1353,-106.5847,pm25,µg/m³,7.5\n" +
        "2178,3920,Del Norte-2178,2021-12-16 01:00:00+00:00,35.1353,-106.5847,co,ppm,0.4\n" +
        "2178,3921,Del Norte-2178,2021-12-16 01:00:00+00:00,35.1353,-106.5847,o3,ppb,30\n" +
        "2178,3922,Del Norte-2178,2021-12-16 01:00:00+00:00,35.1353,-106.5847,temperature,c,3.5\n" +
        ",,,,,,,,\n" +
        "2178,3919,Del Norte-2178,2021-12-16 02:00:00-07:00,35.1353,-106.5847,pm25,µg/m³,9\n";

    internal const string OpenAqV2 =
        "location,city,country,utc,local,parameter,value,unit,latitude,longitude\n" +
        "Escuela E-10,Tocopilla,CL,2015-10-26T17:00:00.000Z,2015-10-26T14:00:00-03:00,pm10,10.2,µg/m³,-22.087,-70.193253\n" +
        "Escuela E-10,Tocopilla,CL,2015-10-26T17:00:00.000Z,2015-10-26T14:00:00-03:00,so2,2,ppb,-22.087,-70.193253\n";

    // EEA: PM2.5 (6001), NO2 (8, with an invalid -1 row), CO (10) in mg.m-3, a daily row and a NOx (9) row skipped
    internal const string Eea =
        "Samplingpoint,Pollutant,Start,End,Value,Unit,AggType,Validity,Verification,ResultTime,DataCapture,FkObservationLog\n" +
        "AT/SPO.07.01.0053.1.1,6001,2024-01-01 00:00:00,2024-01-01 01:00:00,12.5,ug.m-3,hour,1,1,2024-06-01 00:00:00,,x\n" +
        "AT/SPO.07.01.0053.1.1,6001,2024-01-01 01:00:00,2024-01-01 02:00:00,13,ug.m-3,hour,2,1,2024-06-01 00:00:00,,x\n" +
        "AT/SPO.07.02.0001.8.1,8,2024-01-01 00:00:00,2024-01-01 01:00:00,40,ug.m-3,hour,1,1,2024-06-01 00:00:00,,x\n" +
        "AT/SPO.07.02.0001.8.1,8,2024-01-01 01:00:00,2024-01-01 02:00:00,999,ug.m-3,hour,-1,1,2024-06-01 00:00:00,,x\n" +
        "AT/SPO.07.02.0001.8.1,9,2024-01-01 01:00:00,2024-01-01 02:00:00,50,ug.m-3,hour,1,1,2024-06-01 00:00:00,,x\n" +
        "AT/SPO.07.03.0001.10.1,10,2024-01-01 00:00:00,2024-01-01 01:00:00,0.3,mg.m-3,hour,1,1,2024-06-01 00:00:00,,x\n" +
        "AT/SPO.07.01.0053.1.1,6001,2024-01-01 00:00:00,2024-01-02 00:00:00,11,ug.m-3,day,1,1,2024-06-01 00:00:00,,x\n";

    internal const string EeaMeta = "Sampling Point Id,Air Quality Station Name,Longitude,Latitude\n" +
        "AT/SPO.07.01.0053.1.1,Graz Nord,15.4167,47.0833\n";

    private static readonly int H = HourAxis.ToHour(new DateTime(2021, 12, 16, 1, 0, 0, DateTimeKind.Utc));

    private static ImportBatch Read(TempFolder dir, string name, string text, LongFormatOptions preset, string? stations = null) =>
        Importers.Read("long", [dir.File(name, text)], new ImportOptions { Long = preset, StationsFile = stations, MaxParallelism = 1 }, null, default);

    [Fact]
    public void OpenAq_archive_rows_are_converted_and_placed_by_their_own_coordinates()
    {
        using var dir = new TempFolder();
        var b = Read(dir, "location-2178-20211216.csv", OpenAq, LongFormatOptions.OpenAq);
        Assert.True(b.TryGetSeries("2178", Variables.Pm25, out var pm));
        Assert.Equal(7.5f, pm.Get(H));
        Assert.Equal(9f, pm.Get(H + 8));                                          // 02:00-07:00 = 09:00Z
        b.TryGetSeries("2178", Variables.Co, out var co);
        Assert.Equal((float)(0.4 * 1000 * 28.010 / 24.45), co.Get(H));           // 458.24 µg/m³
        b.TryGetSeries("2178", Variables.O3, out var o3);
        Assert.Equal((float)(30 * 47.997 / 24.45), o3.Get(H));                   // 58.89 µg/m³
        Assert.Equal(3, b.Series.Count());
        var s = Assert.Single(b.Stations);
        Assert.Equal((-106.5847, 35.1353), (s.Longitude, s.Latitude));
        Assert.Contains("1 rows of variables AqNet does not store were skipped: 'temperature' 1", b.Notes);
        Assert.Contains("1 rows with every cell empty were skipped", b.Notes);
    }

    [Fact]
    public void OpenAq_v2_rows_are_read_with_their_location_name_as_station()
    {
        using var dir = new TempFolder();
        var b = Read(dir, "openaq.csv", OpenAqV2, LongFormatOptions.OpenAqV2);
        var h = HourAxis.ToHour(new DateTime(2015, 10, 26, 17, 0, 0, DateTimeKind.Utc));
        b.TryGetSeries("Escuela E-10", Variables.Pm10, out var pm10);
        Assert.Equal(10.2f, pm10.Get(h));
        b.TryGetSeries("Escuela E-10", Variables.So2, out var so2);
        Assert.Equal((float)(2 * 64.066 / 24.45), so2.Get(h));                  // 5.2406 µg/m³
        Assert.Equal(-70.193253, Assert.Single(b.Stations).Longitude);
    }

    [Fact]
    public void Eea_rows_keep_hourly_valid_values_of_known_pollutants_in_utc_plus_1()
    {
        using var dir = new TempFolder();
        var meta = dir.File("meta.csv", EeaMeta);
        var b = Read(dir, "eea.csv", Eea, LongFormatOptions.Eea, meta);
        var h = HourAxis.FromLocal(2024, 1, 1, 1, 1);                           // End 01:00 at UTC+1 = 00:00Z
        Assert.True(b.TryGetSeries("AT/SPO.07.01.0053.1.1", Variables.Pm25, out var pm));
        Assert.Equal([12.5f, 13f], [pm.Get(h), pm.Get(h + 1)]);
        Assert.Equal(2, pm.Length);                                             // the daily row was skipped
        b.TryGetSeries("AT/SPO.07.02.0001.8.1", Variables.No2, out var no2);
        Assert.Equal(40f, no2.Get(h));
        Assert.Equal(SeriesBuilder.SetEmpty, no2.StateAt(h + 1));               // Validity -1: stored as missing
        b.TryGetSeries("AT/SPO.07.03.0001.10.1", Variables.Co, out var co);
        Assert.Equal(300f, co.Get(h));
        Assert.Equal(3, b.Series.Count());
        var st = b.Stations.ToDictionary(s => s.Id);
        Assert.Equal(("Graz Nord", 15.4167), (st["AT/SPO.07.01.0053.1.1"].Name, st["AT/SPO.07.01.0053.1.1"].Longitude));
        Assert.Contains("1 rows of variables AqNet does not store were skipped: '9' 1", b.Notes);
        Assert.Contains("1 rows not of the aggregation 'hour' (AggType) were skipped: 'day' 1", b.Notes);
        Assert.Contains("1 values marked not valid (Validity not one of 1, 2, 3, 4) were stored as missing", b.Notes);
    }

    [Theory]
    [InlineData("2178,3919,X,2021-12-16 01:00:00+00:00,35.1,-106.5,pm25,furlongs,1", "line 2, column 8 (units): unit 'furlongs' is not understood; expected ppb, ppm, µg/m³ (ug/m3, ug.m-3) or mg/m³ (mg/m3, mg.m-3)")]
    [InlineData("2178,3919,X,2021-12-16 01:00:00+00:00,35.1,-106.5,pm25,ppb,1", "line 2, column 8 (units): PM2.5 in ppb: a mixing ratio converts only gases with a molar mass (SO2, NO2, CO, O3); expected µg/m³ or mg/m³ for PM2.5")]
    [InlineData("2178,3919,X,2021-12-16 01:00:00+00:00,north,-106.5,pm25,µg/m³,1", "line 2, column 5 (lat): 'north' is not a number")]
    [InlineData("2178,3919,X,2021-12-16 01:00:00+00:00,95,-106.5,pm25,µg/m³,1", "line 2: station '2178' has latitude 95; expected a number in [-90, 90]")]
    public void Bad_openaq_rows_are_refused_naming_line_and_column(string row, string expected)
    {
        using var dir = new TempFolder();
        var ex = Assert.Throws<InputException>(() => Read(dir, "o.csv", "location_id,sensors_id,location,datetime,lat,lon,parameter,units,value\n" + row + "\n", LongFormatOptions.OpenAq));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_file_of_another_layout_names_the_preset_column_it_lacks()
    {
        using var dir = new TempFolder();
        var ex = Assert.Throws<InputException>(() => Read(dir, "o.csv", "Samplingpoint,Pollutant,End,Value\nA,6001,2024-01-01 01:00:00,1\n", LongFormatOptions.Eea));
        Assert.EndsWith("line 1: no column 'Unit' (the preset's unit column); the header has Samplingpoint,Pollutant,End,Value; expected the preset's columns (the right --preset?)", ex.Message);
    }
}
