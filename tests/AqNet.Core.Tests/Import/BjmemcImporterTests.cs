using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

public class BjmemcImporterTests
{
    private const string All = "date,hour,type,东四,天坛\n20150101,0,PM2.5,100,\n20150101,0,PM2.5_24h,90,80\n20150101,0,PM10,150,160\n20150101,0,AQI,1,1\n20150101,23,PM2.5,77,66\n";
    private const string Extra = "date,hour,type,天坛,东四\n20150101,0,SO2,14.6,15.7\n20150101,0,CO,,1.2\n20150101,0,O3_8h,1,2\n20150101,0,CO_24h,1,2\n";
    private const string Stations = "name_zh,station_id,longitude,latitude,station_type\n东四,dongsi_aq,116.417,39.929,Urban\n天坛,tiantan_aq,116.407,39.886,Urban\n";

    [Fact]
    public void Maps_chinese_names_to_ids_and_reads_hourly_types()
    {
        using var dir = new TempFolder();
        var zip = dir.Zip("beijing_20150101-20150101.zip", ("beijing_all_20150101.csv", All), ("beijing_extra_20150101.csv", Extra));
        dir.File("stations.csv", Stations);
        var b = Importers.Read("bjmemc", [zip], new ImportOptions(), null, default);
        var h0 = HourAxis.FromLocal(2015, 1, 1, 0, 8);
        b.TryGetSeries("dongsi_aq", Variables.Pm25, out var pm);
        Assert.Equal(100f, pm.Get(h0));
        Assert.Equal(77f, pm.Get(h0 + 23));
        Assert.Equal(24, pm.Length);
        b.TryGetSeries("tiantan_aq", Variables.Pm25, out var pm2);
        Assert.Equal(SeriesBuilder.SetEmpty, pm2.StateAt(h0));
        b.TryGetSeries("dongsi_aq", Variables.So2, out var so2);
        Assert.Equal(15.7f, so2.Get(h0)); // the extra file orders its columns differently: parsed by name
        b.TryGetSeries("dongsi_aq", Variables.Co, out var co);
        Assert.Equal(1200f, co.Get(h0));
        Assert.Equal(8, b.Series.Count()); // 2 stations × PM2.5, PM10, SO2, CO
        Assert.All(b.Stations, s => Assert.True(s.HasCoordinates));
        Assert.Equal("Urban", b.GetStation("dongsi_aq").Type);
    }

    [Fact]
    public void An_unknown_station_name_names_file_and_column()
    {
        using var dir = new TempFolder();
        var f = dir.File("beijing_all_20150101.csv", "date,hour,type,东四,火星\n20150101,0,PM2.5,1,2\n");
        var st = dir.File("stations.csv", Stations);
        var ex = Assert.Throws<InputException>(() => Importers.Read("bjmemc", [f], new ImportOptions { StationsFile = st }, null, default));
        Assert.Contains("beijing_all_20150101.csv", ex.Message);
        Assert.Contains("column 5", ex.Message);
        Assert.Contains("火星", ex.Message);
    }

    [Fact]
    public void Without_a_station_list_it_says_what_is_needed()
    {
        using var dir = new TempFolder();
        var f = dir.File("beijing_all_20150101.csv", All);
        var ex = Assert.Throws<InputException>(() => Importers.Read("bjmemc", [f], new ImportOptions(), null, default));
        Assert.Contains("name_zh,station_id", ex.Message);
    }
}
