using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

/// <summary>Several station lists (given or found), merged in order with blank coordinates filled from the later ones;
/// a column mapping for lists of another layout; messages that name the files and the option.</summary>
public sealed class StationListsTests
{
    static StationListsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Day = "date,hour,type,1001A,1002A,9999A\r\n20190101,0,PM2.5,53,7,68\r\n";

    // 1002A is stopped: blank coordinates in NewSiteList.csv, present in the older station_info.csv
    private const string NewSiteList = "监测点编码,监测点名称,城市,经度,纬度,对照点,省级行政区,地级行政区\r\n" +
        "1001A,万寿西宫,北京,116.3621,39.8784,N,北京市,北京市\r\n1002A,定陵(停运150702),北京,,,Y,北京市,北京市\r\n";
    private const string StationInfo = "ID,stations_name,stations_en_name,area,area_en_name,lon,lat\n" +
        "1001A,万寿西宫,Wanshouxigong,北京,Beijing,1.0,2.0\n1002A,定陵,Dingling,北京,Beijing,116.22,40.292\n9999A,测试,Test,天津,Tianjin,117.5,39.1\n";

    private static (string Day, string New, string Old) Write(TempFolder dir) =>
        (dir.File("data/china_sites_20190101.csv", Day), dir.File("lists/NewSiteList.csv", NewSiteList, Encoding.GetEncoding("GB18030")),
         dir.File("lists/station_info.csv", StationInfo));

    private static Dictionary<string, Station> Stations(ImportBatch b) => b.Stations.ToDictionary(s => s.Id);

    [Fact]
    public void Two_given_cnemc_lists_are_merged_and_blank_coordinates_filled_from_the_second()
    {
        using var dir = new TempFolder();
        var (day, newList, old) = Write(dir);
        var b = Importers.Read("cnemc", [day], new ImportOptions { StationsFiles = [newList, old] }, null, default);
        var st = Stations(b);
        Assert.Equal((116.3621, 39.8784), (st["1001A"].Longitude, st["1001A"].Latitude));   // the first list wins
        Assert.Equal((116.22, 40.292), (st["1002A"].Longitude, st["1002A"].Latitude));      // blank, filled from station_info
        Assert.Equal("定陵(停运150702)", st["1002A"].Name);                                  // the entry is still the first list's
        Assert.Equal("background", st["1002A"].Type);
        Assert.Equal(117.5, st["9999A"].Longitude);                                         // only in station_info
        Assert.Contains("1 stations taken from station_info.csv because the lists before it lack them", b.Notes);
        Assert.Contains("1 stations with blank coordinates in an earlier list got them from station_info.csv", b.Notes);
        Assert.Contains(b.Notes, n => n.StartsWith("3 stations in the data; 3 with coordinates, 0 without", StringComparison.Ordinal));
        Assert.Contains(b.Notes, n => n.StartsWith("1 stations have rows with different coordinates", StringComparison.Ordinal) && n.EndsWith(": 1001A", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_found_beside_the_input_are_merged_the_same_way()
    {
        using var dir = new TempFolder();
        dir.File("china_sites_20190101.csv", Day);
        dir.File("NewSiteList.csv", NewSiteList, Encoding.GetEncoding("GB18030"));
        dir.File("station_info.csv", StationInfo);
        var st = Stations(Importers.Read("cnemc", [dir.Path], new ImportOptions(), null, default));
        Assert.Equal(116.22, st["1002A"].Longitude);
        Assert.Equal(116.3621, st["1001A"].Longitude);
    }

    [Fact]
    public void The_order_given_decides_which_list_wins()
    {
        using var dir = new TempFolder();
        var (day, newList, old) = Write(dir);
        var st = Stations(Importers.Read("cnemc", [day], new ImportOptions { StationsFiles = [old, newList] }, null, default));
        Assert.Equal(1.0, st["1001A"].Longitude);
        Assert.Equal("定陵", st["1002A"].Name);
    }

    [Fact]
    public void A_list_of_another_layout_is_read_with_a_column_mapping_and_merged()
    {
        using var dir = new TempFolder();
        var (day, newList, _) = Write(dir);
        var mine = dir.File("lists/mine.csv", "code,名称,经度,纬度\n9999A,测试站,117.25,39.125\n1002A,定陵,116.5,40.5\n");
        var b = Importers.Read("cnemc", [day], new ImportOptions
        {
            StationsFiles = [newList, mine],
            StationColumns = StationColumns.Parse("id=code,name=名称,lon=经度,lat=纬度"),   // NewSiteList.csv is still read by its own names
        }, null, default);
        var st = Stations(b);
        Assert.Equal((117.25, 39.125), (st["9999A"].Longitude, st["9999A"].Latitude));
        Assert.Equal("测试站", st["9999A"].Name);
        Assert.Equal(116.5, st["1002A"].Longitude);
    }

    [Fact]
    public void A_mapped_column_that_is_absent_is_named_with_its_option()
    {
        using var dir = new TempFolder();
        var (day, _, _) = Write(dir);
        var mine = dir.File("lists/mine.csv", "site,lon,lat\n9999A,117.25,39.125\n");
        var ex = Assert.Throws<InputException>(() => Importers.Read("cnemc", [day],
            new ImportOptions { StationsFiles = [mine], StationColumns = StationColumns.Parse("id=code,lon=lon,lat=lat") }, null, default));
        Assert.Equal($"{mine}, line 1: no column 'code' (the station list's id column; give its name with --station-columns id=COLUMN); the header has site,lon,lat", ex.Message);
    }

    [Fact]
    public void A_cnemc_list_of_an_unknown_layout_without_a_mapping_is_refused_naming_the_option()
    {
        using var dir = new TempFolder();
        var (day, _, _) = Write(dir);
        var mine = dir.File("lists/mine.csv", "site,lon,lat\n9999A,117.25,39.125\n");
        var ex = Assert.Throws<InputException>(() => Importers.Read("cnemc", [day], new ImportOptions { StationsFiles = [mine] }, null, default));
        Assert.EndsWith("name its columns with --station-columns id=...,lon=...,lat=...", ex.Message);
    }

    [Theory]
    [InlineData("cnemc", "without --stations, NewSiteList.csv and station_info.csv beside the input are used")]
    [InlineData("long", "without --stations, sites.csv or stations.csv beside the input are used")]
    [InlineData("prsa", "without --stations, stations.csv beside the input is used")]
    public void A_missing_list_names_the_files_that_are_looked_for(string format, string expected)
    {
        using var dir = new TempFolder();
        var data = dir.File(format == "cnemc" ? "china_sites_20190101.csv" : "x.csv", Day);
        var missing = Path.Combine(dir.Path, "nope.csv");
        var ex = Assert.Throws<InputException>(() => Importers.Read(format, [data],
            new ImportOptions { StationsFiles = [missing], Long = new LongFormatOptions { Variable = "PM2.5" } }, null, default));
        Assert.Equal($"stations file '{missing}' does not exist; expected a CSV station list ({expected})", ex.Message);
    }

    [Fact]
    public void Long_tables_read_several_site_lists_with_a_mapping()
    {
        using var dir = new TempFolder();
        var data = dir.File("obs.csv", "station,time,value\nA,2020-01-01 00:00,1\nB,2020-01-01 00:00,2\n");
        var s1 = dir.File("a.csv", "site,x,y\nA,10.5,50.25\nB,,\n");
        var s2 = dir.File("b.csv", "site,x,y,town\nB,11.75,48.5,Munich\n");
        var b = Importers.Read("long", [data], new ImportOptions
        {
            StationsFiles = [s1, s2], StationColumns = StationColumns.Parse("id=site,lon=x,lat=y"),
            Long = new LongFormatOptions { Variable = Variables.Pm25 },
        }, null, default);
        var st = Stations(b);
        Assert.Equal((10.5, 50.25), (st["A"].Longitude, st["A"].Latitude));
        Assert.Equal((11.75, 48.5), (st["B"].Longitude, st["B"].Latitude));
    }

    [Theory]
    [InlineData("id=code,foo=bar", "'foo' is not a key; expected key=column pairs with keys id, lon, lat, name, city, province, type")]
    [InlineData("id=", "'id=' names no column")]
    [InlineData("id=a,id=b", "'id' is given twice")]
    [InlineData(",", "no key=column pair")]
    public void Bad_mappings_are_refused(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<InputException>(() => StationColumns.Parse(text)).Message);

    [Fact]
    public void Longitude_and_latitude_are_accepted_as_key_names() =>
        Assert.Equal(new StationColumns { Id = "c", Longitude = "x", Latitude = "y" }, StationColumns.Parse(" id = c , longitude=x,LAT=y"));
}
