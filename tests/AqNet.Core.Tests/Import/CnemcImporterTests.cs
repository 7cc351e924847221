using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

public class CnemcImporterTests
{
    internal const string Day =
        "date,hour,type,1001A,1002A,9999A\r\n" +
        "20190101,0,AQI,73,,92\r\n" +
        "20190101,0,PM2.5,53,,68\r\n" +
        "20190101,0,PM2.5_24h,44,36,41\r\n" +
        "20190101,0,CO,0.4,,1.25\r\n" +
        "20190101,1,PM2.5,50,7,\r\n" +
        "20190101,1,CO_24h,1,1,1\r\n" +
        "20190101,1,O3_8h,1,1,1\r\n";

    private const string NewSiteList = "监测点编码,监测点名称,城市,经度,纬度,对照点,省级行政区,地级行政区\r\n" +
        "1001A,万寿西宫,北京,116.3621,39.8784,N,北京市,北京市\r\n1002A,定陵(停运150702),北京,,,Y,北京市,北京市\r\n";
    private const string StationInfo = "ID,stations_name,stations_en_name,area,area_en_name,lon,lat\n" +
        "1001A,万寿西宫,Wanshouxigong,北京,Beijing,1.0,2.0\n9999A,测试,Test,天津,Tianjin,117.5,39.1\n";

    static CnemcImporterTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static ImportBatch Read(params string[] paths) => Importers.Read("cnemc", paths, new ImportOptions(), null, default);

    private static void WriteLists(TempFolder dir)
    {
        dir.File("NewSiteList.csv", NewSiteList, Encoding.GetEncoding("GB18030"));
        dir.File("station_info.csv", StationInfo);
    }

    [Fact]
    public void Reads_hourly_types_only_scales_co_and_keeps_blanks()
    {
        using var dir = new TempFolder();
        dir.File("china_sites_20190101.csv", Day);
        WriteLists(dir);
        var b = Read(dir.Path);
        var h0 = HourAxis.FromLocal(2019, 1, 1, 0, 8); // 2018-12-31T16Z
        Assert.Equal(6, b.Series.Count()); // 3 stations × {PM2.5, CO}: AQI, *_24h, O3_8h skipped
        Assert.True(b.TryGetSeries("1001A", Variables.Pm25, out var pm));
        Assert.Equal(53f, pm.Get(h0));
        Assert.Equal(50f, pm.Get(h0 + 1));
        b.TryGetSeries("1002A", Variables.Pm25, out var pm2);
        Assert.Equal(SeriesBuilder.SetEmpty, pm2.StateAt(h0));
        Assert.Equal(7f, pm2.Get(h0 + 1));
        b.TryGetSeries("9999A", Variables.Co, out var co);
        Assert.Equal(1250f, co.Get(h0)); // 1.25 mg/m³
        b.TryGetSeries("1001A", Variables.Co, out var co1);
        Assert.Equal(400f, co1.Get(h0));
        Assert.False(b.TryGetSeries("1001A", Variables.O3, out _));
        var st = b.Stations.ToDictionary(s => s.Id);
        Assert.Equal(116.3621, st["1001A"].Longitude); // NewSiteList wins over station_info
        Assert.False(st["1002A"].HasCoordinates);      // blank coordinates allowed
        Assert.Equal(117.5, st["9999A"].Longitude);    // from the fallback list
        Assert.Contains(b.Notes, n => n.StartsWith("3 stations in the data; 2 with coordinates, 1 without", StringComparison.Ordinal));
    }

    [Fact]
    public void Reads_a_zip_and_finds_station_lists_beside_it()
    {
        using var dir = new TempFolder();
        var zip = dir.Zip("cn.zip", ("china_sites_20190101.csv", Day), ("china_sites_20190102.csv", Day.Replace("20190101", "20190102")));
        WriteLists(dir);
        var b = Read(zip);
        Assert.Equal(2, b.Files.Count);
        b.TryGetSeries("1001A", Variables.Pm25, out var pm);
        Assert.Equal(53f, pm.Get(HourAxis.FromLocal(2019, 1, 2, 0, 8)));
        Assert.Equal(26, pm.Length); // 2019-01-01 00h .. 2019-01-02 01h
        Assert.Equal(3, b.Stations.Count(s => s.Id is "1001A" or "9999A" || !s.HasCoordinates));
    }

    [Fact]
    public void A_repeated_station_column_with_other_values_is_refused_naming_line_column_code_and_both_values()
    {
        using var dir = new TempFolder();
        var f = dir.File("china_sites_20190101.csv", "date,hour,type,1001A,1002A,1001A\r\n20190101,0,PM2.5,1,2,3\r\n");
        var ex = Assert.Throws<InputException>(() => Read(f));
        Assert.StartsWith($"{f}, line 2, column 6: duplicated timestamp 2018-12-31T16:00Z for station '1001A', variable PM2.5 with another value (1 before, 3 here)", ex.Message);
    }

    [Fact]
    public void A_repeated_station_column_with_the_same_values_is_read_once_with_a_note()
    {
        using var dir = new TempFolder();
        var f = dir.File("china_sites_20190101.csv", "date,hour,type,1001A,1002A,1001A\r\n20190101,0,PM2.5,1,2,1\r\n20190101,1,PM2.5,,4,\r\n");
        var b = Read(f);
        Assert.True(b.TryGetSeries("1001A", Variables.Pm25, out var pm));
        Assert.Equal(1f, pm.Get(HourAxis.FromLocal(2019, 1, 1, 0, 8)));
        Assert.Equal(1, pm.ObservedCount());
        Assert.Contains("2 values were given twice with the same value (repeated rows or station columns) and read once", b.Notes);
    }

    [Theory]
    [InlineData("20190101,0,PM2.5,1,2\r\n20190101,1,PM2.5,3,4\r\n20190101,1,PM2.5,5,6\r\n", "line 4, column 4")]   // evenly spaced rows
    [InlineData("20190101,0,PM2.5,1,2\r\n20190101,1,PM2.5,3,4\r\n20190101,1,AQI,9,9\r\n20190101,1,PM2.5,,6\r\n", "line 5, column 4")] // uneven; a blank repeats too
    public void An_hour_repeated_within_a_file_names_the_repeated_line_and_first_column(string rows, string where)
    {
        using var dir = new TempFolder();
        var f = dir.File("china_sites_20190101.csv", "date,hour,type,1001A,1002A\r\n" + rows);
        var ex = Assert.Throws<InputException>(() => Read(f));
        Assert.Contains("duplicated timestamp", ex.Message);
        Assert.Contains(where, ex.Message);
    }

    [Fact]
    public void The_same_day_twice_is_read_once_and_a_changed_copy_is_a_duplicated_timestamp()
    {
        using var dir = new TempFolder();
        var a = dir.File("a/china_sites_20190101.csv", Day);
        var b = dir.File("b/china_sites_20190101.csv", Day);
        Assert.Equal(Read(a).Series.Sum(s => s.Value.ObservedCount()), Read(a, b).Series.Sum(s => s.Value.ObservedCount()));
        var c = dir.File("c/china_sites_20190101.csv", Day.Replace("20190101,0,PM2.5,53,", "20190101,0,PM2.5,54,", StringComparison.Ordinal));
        var ex = Assert.Throws<InputException>(() => Read(a, c));
        Assert.Contains("duplicated timestamp", ex.Message);
        Assert.Contains(c, ex.Message);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("(53 before, 54 here)", ex.Message);
    }

    [Theory]
    [InlineData("date,hour,type,1001A\r\n20190101,0,PM2.5,5x\r\n", "line 2, column 4 (1001A): '5x' is not a number")]
    [InlineData("date,hour,type,1001A,1002A\r\n20190101,0,PM2.5,5\r\n", "line 2: 4 cells but the header has 5")]
    [InlineData("date;hour;type;1001A\r\n20190101;0;PM2.5;5\r\n", "line 1: the header is one column containing ';'")]
    [InlineData("", "the file is empty")]
    [InlineData("date,hour,type,1001A\r\n20190101,25,PM2.5,5\r\n", "expected 0..23")]
    [InlineData("date,hour,kind,1001A\r\n", "lacks type")]
    public void Bad_files_are_reported_with_where_and_what(string text, string expected)
    {
        using var dir = new TempFolder();
        var f = dir.File("china_sites_20190101.csv", text);
        var ex = Assert.Throws<InputException>(() => Read(f));
        Assert.Contains(f, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_corrupt_zip_is_named()
    {
        using var dir = new TempFolder();
        var z = dir.Bytes("broken.zip", Encoding.ASCII.GetBytes("PK\u0003\u0004 this is not really a zip"));
        var ex = Assert.Throws<InputException>(() => Read(z));
        Assert.Contains("broken.zip", ex.Message);
        Assert.Contains("zip", ex.Message);
    }

    [Fact]
    public void A_truncated_zip_member_is_named()
    {
        using var dir = new TempFolder();
        var bytes = TempFolder.ZipBytes(("china_sites_20190101.csv", string.Concat(Enumerable.Repeat(Day, 200))));
        // Damage the compressed data but keep the central directory intact.
        for (var i = 60; i < 200; i++) bytes[i] ^= 0x5A;
        var z = dir.Bytes("damaged.zip", bytes);
        var ex = Assert.Throws<InputException>(() => Read(z));
        Assert.Contains("damaged.zip", ex.Message);
    }

    [Fact]
    public void Unknown_format_and_missing_input_list_what_is_allowed()
    {
        var ex = Assert.Throws<InputException>(() => Importers.Read("netcdf", ["x"], new ImportOptions(), null, default));
        Assert.Contains("prsa, cnemc, bjmemc, long", ex.Message);
        ex = Assert.Throws<InputException>(() => Read("/nonexistent/aqnet/input.zip"));
        Assert.Contains("/nonexistent/aqnet/input.zip", ex.Message);
    }
}
