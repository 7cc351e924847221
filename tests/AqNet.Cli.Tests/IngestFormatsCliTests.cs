using AqNet.Cli;
using DuckDB.NET.Data;

namespace AqNet.Cli.Tests;

/// <summary>`ingest wide`, the long presets and several station lists end to end; their bad inputs exit 2 with one line
/// and leave an existing store byte-identical.</summary>
public sealed class IngestFormatsCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Store()
    {
        var store = _fx.Path_("s.duckdb");
        if (!File.Exists(store)) Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        return store;
    }

    private string Query(string store, string sql)
    {
        using var c = new DuckDBConnection("Data Source=" + store);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    [Fact]
    public void A_wide_table_with_two_station_lists_is_ingested()
    {
        var data = _fx.Write("w/pm25_ground.txt", "datetime,001001,001002\n2014/05/01 00:00:00,138,89\n,,\n2014/05/01 01:00:00,,90\n");
        var a = _fx.Write("a.csv", "sensor_id,latitude,longitude\n001001,39.982,116.397\n001002,,\n");
        var b = _fx.Write("b.csv", "sensor_id,latitude,longitude\n001002,40.004,116.2\n");
        var store = _fx.Path_("w.duckdb");
        var (exit, output, err) = CliApp.Run("ingest", "wide", data, "--time-column", "datetime", "--time-format", "yyyy/MM/dd HH:mm:ss",
            "--time-zone", "+8", "--variable", "PM2.5", "--stations", a, "--stations", b, "--station-columns", "id=sensor_id", "--store", store);
        Assert.True(exit == 0, err);
        Assert.Contains("1 rows with every cell empty were skipped", output);
        Assert.Contains("1 stations with blank coordinates in an earlier list got them from b.csv", output);
        Assert.Equal("001001=138.0 001002=89.0 001002=90.0",
            Query(store, "SELECT string_agg(station_id || '=' || value, ' ' ORDER BY station_id, time_utc) FROM observations WHERE value IS NOT NULL"));
        Assert.Equal("116.397 116.2", Query(store, "SELECT string_agg(CAST(longitude AS VARCHAR), ' ' ORDER BY id) FROM stations"));
    }

    [Fact]
    public void An_openaq_archive_file_is_ingested_with_its_units_converted()
    {
        var data = _fx.Write("location-2178-20211216.csv", "location_id,sensors_id,location,datetime,lat,lon,parameter,units,value\n" +
            "2178,3920,Del Norte-2178,2021-12-16 01:00:00+00:00,35.1353,-106.5847,no2,ppm,0.02445\n");
        var store = _fx.Path_("o.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "long", data, "--preset", "openaq", "--store", store);
        Assert.True(exit == 0, err);
        Assert.Equal("NO2=46.0055", Query(store, "SELECT string_agg(variable || '=' || value, ' ') FROM observations"));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["wide", "DATA:datetime,A\n2014/05/01 00:00:00,x\n", "--time-column", "datetime", "--time-format", "yyyy/MM/dd HH:mm:ss", "--variable", "PM2.5"],
            "line 2, column 2 (station A): 'x' is not a number" },
        { ["wide", "DATA:datetime,A\n2014/05/01 00:00:00,1\n", "--time-column", "datetime"], "the wide format needs --variable" },
        { ["wide", "DATA:datetime,A\n", "--variable", "PM2.5"], "no column 'time' (--time-column)" },
        { ["wide", "DATA:time,A\n2014-05-01 00:00,1\n", "--variable", "PM2.5", "--station-column", "site"], "error: Unrecognized option '--station-column'; see 'aqnet ingest wide --help'" },
        { ["long", "DATA:location_id,sensors_id,location,datetime,lat,lon,parameter,units,value\n1,2,X,2021-12-16 01:00:00+00:00,35,-106,pm25,ppb,1\n", "--preset", "openaq"],
            "line 2, column 8 (units): PM2.5 in ppb" },
        { ["long", "DATA:a,b\n1,2\n", "--preset", "eea"], "line 1: no column 'Value' (--value-column); the header has a,b" },
        { ["long", "DATA:station,time,value\nA,2020-01-01 00:00,1\n", "--preset", "nope"], "unknown --preset 'nope'; expected one of epa, openaq, openaq-v2, eea" },
        { ["cnemc", "DATA:date,hour,type,1001A\n20190101,0,PM2.5,1\n", "--stations", "LIST:site,x,y\n1001A,1,2\n", "--station-columns", "id=site,lon=x"],
            "list.csv, line 1: no column 'latitude' (the station list's lat column; give its name with --station-columns lat=COLUMN); the header has site,x,y" },
        { ["cnemc", "DATA:date,hour,type,1001A\n20190101,0,PM2.5,1\n", "--stations", "MISSING"], "(without --stations, NewSiteList.csv and station_info.csv beside the input are used)" },
        { ["cnemc", "DATA:date,hour,type,1001A\n20190101,0,PM2.5,1\n", "--station-columns", "id=a,where=b"], "--station-columns id=a,where=b: 'where' is not a key" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_one_line_and_the_store_unchanged(string[] args, string expected)
    {
        var store = Store();
        var before = File.ReadAllBytes(store);
        var name = args[0] == "cnemc" ? "china_sites_20190101.csv" : "data.csv";
        var resolved = args.Select(a => a.StartsWith("DATA:", StringComparison.Ordinal) ? _fx.Write("in/" + name, a[5..])
            : a.StartsWith("LIST:", StringComparison.Ordinal) ? _fx.Write("list.csv", a[5..])
            : a == "MISSING" ? _fx.Path_("nope.csv") : a).ToArray();
        var (exit, output, err) = CliApp.Run(["ingest", .. resolved, "--store", store]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.StartsWith("error: ", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("internal error", err);
        Assert.Equal("", output);
        Assert.Equal(before, File.ReadAllBytes(store));
    }
}
