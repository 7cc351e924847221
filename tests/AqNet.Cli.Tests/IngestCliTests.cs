using System.IO.Compression;
using System.Text.Json.Nodes;
using AqNet.Cli;

namespace AqNet.Cli.Tests;

public sealed class IngestCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private static JsonNode InspectJson(string store)
    {
        var (exit, json, err) = CliApp.Run("inspect", "--store", store, "--json");
        Assert.True(exit == 0, err);
        return JsonNode.Parse(json)!;
    }

    [Fact]
    public void Ingest_then_inspect_gives_exact_counts_and_the_json_contract()
    {
        var store = _fx.Path_("s.duckdb");
        var (exit, output, err) = CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store);
        Assert.True(exit == 0, err);
        Assert.Contains("2 stations", output);
        var stations = InspectJson(store)["stations"]!.AsArray();
        Assert.Equal(2, stations.Count);
        var alpha = stations.Single(s => (string)s!["id"]! == "Alpha")!;
        Assert.Equal("甲", (string)alpha["name"]!); // the stations file's name column
        Assert.Equal(116.40, (double)alpha["longitude"]!, 10);
        Assert.Equal(39.90, (double)alpha["latitude"]!, 10);
        Assert.Equal(4, (int)alpha["hours"]!);
        Assert.Equal("2013-02-28T16:00Z", (string)alpha["first_utc"]!);
        var pm = alpha["variables"]!["PM2.5"]!;
        Assert.Equal(3, (long)pm["observed"]!);
        Assert.Equal(1, (long)pm["missing"]!);
        Assert.Equal(2, (long)pm["flagged"]!);                          // hours 2 and 3: PM2.5 30 > PM10 22, 40 > 23
        Assert.Equal(2, (long)pm["flags"]!["pm25_above_pm10"]!);
        var beta = stations.Single(s => (string)s!["id"]! == "Beta")!;
        Assert.Equal(2, (long)beta["variables"]!["PM10"]!["observed"]!);
        Assert.Equal(2, (long)beta["variables"]!["PM10"]!["missing"]!);
        foreach (var v in new[] { "PM2.5", "PM10", "SO2", "NO2", "CO", "O3" })
        {
            var c = alpha["variables"]![v]!;
            Assert.Equal(4, (long)c["observed"]! + (long)c["missing"]!);
        }
    }

    [Fact]
    public void Ingesting_the_same_files_twice_changes_nothing()
    {
        var store = _fx.Path_("s.duckdb");
        var folder = _fx.PrsaFolder();
        Assert.Equal(0, CliApp.Run("ingest", "prsa", folder, "--store", store).Exit);
        var first = InspectJson(store).ToJsonString();
        var export1 = _fx.Path_("a.csv");
        Assert.Equal(0, CliApp.Run("export", "--store", store, "--format", "csv", "--out", export1).Exit);
        Assert.Equal(0, CliApp.Run("ingest", "prsa", folder, "--store", store).Exit);
        Assert.Equal(first, InspectJson(store).ToJsonString());
        var export2 = _fx.Path_("b.csv");
        Assert.Equal(0, CliApp.Run("export", "--store", store, "--format", "csv", "--out", export2).Exit);
        Assert.Equal(File.ReadAllText(export1), File.ReadAllText(export2));
        Assert.Equal(1 + 2 * 4 * 12 - 5, File.ReadAllLines(export1).Length); // header + observed cells: 2 stations × 4 h × 12 variables, 5 NA
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "truncated file", "truncated" },
        { "wrong delimiter", "semicolon" },
        { "non-numeric cell", "text" },
        { "repeated station column", "repeated" },
        { "unknown station column", "unknown-station" },
        { "missing stations file", "no-stations" },
        { "corrupt zip", "corrupt-zip" },
        { "unknown format name", "unknown-format" },
        { "empty file", "empty" },
        { "duplicated timestamps", "duplicate" },
        { "impossible coordinates", "bad-coordinates" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_fails_clearly_and_leaves_the_store_byte_identical(string what, string kind)
    {
        var store = _fx.Path_("s.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        var before = File.ReadAllBytes(store);
        var (args, mention) = BadCase(kind);
        var (exit, _, err) = CliApp.Run([.. args, "--store", store]);
        Assert.True(exit == 2, $"{what}: expected exit 2, got {exit}; stderr: {err}");
        Assert.StartsWith("error: ", err);
        Assert.Contains(mention, err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(store));
    }

    private (string[] Args, string Mention) BadCase(string kind)
    {
        var h = Fixtures.PrsaHeader;
        const string row = "1,2013,3,1,0,10,20,4,7,300,77,-0.7,1023,-18.8,0,NNW,4.4,\"Alpha\"";
        string Prsa(string name, string body) { _fx.Write($"{kind}/{name}", body); _fx.Write($"{kind}/stations.csv", "station,cnemc_code,name_zh,longitude,latitude\nAlpha,1,a,116.4,39.9\n"); return _fx.Path_(kind); }
        switch (kind)
        {
            case "truncated": return (["ingest", "prsa", Prsa("PRSA_Data_Alpha_x.csv", h + "\n" + row + "\n2,2013,3,1,1,11,21\n")], "PRSA_Data_Alpha_x.csv");
            case "semicolon": return (["ingest", "prsa", Prsa("PRSA_Data_Alpha_x.csv", h.Replace(',', ';') + "\n" + row.Replace(',', ';') + "\n")], "PRSA_Data_Alpha_x.csv");
            case "text": return (["ingest", "prsa", Prsa("PRSA_Data_Alpha_x.csv", h + "\n" + row.Replace(",10,", ",ten,") + "\n")], "ten");
            case "duplicate": return (["ingest", "prsa", Prsa("PRSA_Data_Alpha_x.csv", h + "\n" + row + "\n" + row.Replace(",10,20,", ",11,20,") + "\n")], "duplicated");
            case "empty": return (["ingest", "prsa", Prsa("PRSA_Data_Alpha_x.csv", "")], "PRSA_Data_Alpha_x.csv");
            case "no-stations":
                _fx.Write("ns/PRSA_Data_Alpha_x.csv", h + "\n" + row + "\n");
                return (["ingest", "prsa", _fx.Path_("ns"), "--stations", _fx.Path_("ns/missing-stations.csv")], "missing-stations.csv");
            case "bad-coordinates":
                _fx.Write("bc/PRSA_Data_Alpha_x.csv", h + "\n" + row + "\n");
                _fx.Write("bc/stations.csv", "station,cnemc_code,name_zh,longitude,latitude\nAlpha,1,a,116.4,99.5\n");
                return (["ingest", "prsa", _fx.Path_("bc")], "99.5");
            case "repeated":
                _fx.Write("rep/china_sites_20190101.csv", "date,hour,type,1001A,1002A,1001A\n20190101,0,PM2.5,1,2,3\n");
                return (["ingest", "cnemc", _fx.Path_("rep/china_sites_20190101.csv"), "--stations", WriteCnemcStations()], "1001A");
            case "unknown-station":
                _fx.Write("bjm/beijing_all_20150101.csv", "date,hour,type,东四,火星站\n20150101,0,PM2.5,10,20\n");
                _fx.Write("bjm/stations.csv", "name_zh,station_id,longitude,latitude,station_type\n东四,dongsi_aq,116.417,39.929,Urban\n");
                return (["ingest", "bjmemc", _fx.Path_("bjm/beijing_all_20150101.csv"), "--stations", _fx.Path_("bjm/stations.csv")], "火星站");
            case "corrupt-zip":
                var z = _fx.Write("corrupt.zip", "PK\u0003\u0004 this is not really a zip archive");
                return (["ingest", "prsa", z], "corrupt.zip");
            case "unknown-format": return (["ingest", "netcdf4", _fx.PrsaFolder("p2")], "netcdf4");
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such case");
        }
    }

    private string WriteCnemcStations() =>
        _fx.Write("rep/station_info.csv", "ID,stations_name,stations_en_name,area,area_en_name,lon,lat\n1001A,a,a,b,b,116.4,39.9\n1002A,c,c,b,b,116.3,39.8\n");

    [Fact]
    public void A_zip_inside_a_zip_is_read_like_the_folder()
    {
        var folder = _fx.PrsaFolder();
        var inner = _fx.Path_("inner.zip");
        ZipFile.CreateFromDirectory(folder, inner);
        var outerDir = _fx.Path_("outer");
        Directory.CreateDirectory(outerDir);
        File.Copy(inner, Path.Combine(outerDir, "inner.zip"));
        File.Copy(Path.Combine(folder, "stations.csv"), _fx.Path_("stations-copy.csv"));
        var outer = _fx.Path_("outer.zip");
        ZipFile.CreateFromDirectory(outerDir, outer);
        var a = _fx.Path_("a.duckdb");
        var b = _fx.Path_("b.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", folder, "--store", a).Exit);
        var (exit, _, err) = CliApp.Run("ingest", "prsa", outer, "--stations", _fx.Path_("stations-copy.csv"), "--store", b);
        Assert.True(exit == 0, err);
        var ja = InspectJson(a)["stations"]!.ToJsonString();
        var jb = InspectJson(b)["stations"]!.ToJsonString();
        Assert.Equal(ja, jb.Replace(b, a));
    }
}
