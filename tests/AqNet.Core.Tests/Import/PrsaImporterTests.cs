using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

public class PrsaImporterTests
{
    private const string Header = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\",\"RAIN\",\"wd\",\"WSPM\",\"station\"";
    private const string Rows =
        "1,2013,3,1,0,8,9,6,28,400,52,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Wanliu\"\r\n" +
        "2,2013,3,1,1,NA,9,6,28,300,50,-1.1,1023.2,-18.2,0,\"NE\",4.7,\"Wanliu\"\r\n" +
        "3,2013,3,1,2,12.5,20,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,\"Wanliu\"\r\n";
    private const string Stations = "station,cnemc_code,name_zh,longitude,latitude\r\nWanliu,1012A,万柳,116.287,39.987\r\n";

    private static ImportBatch Read(TempFolder dir, params string[] paths) =>
        Importers.Read("prsa", paths.Length == 0 ? [dir.Path] : paths, new ImportOptions(), null, default);

    [Fact]
    public void Reads_values_converts_local_hours_to_utc_and_compass_words_to_degrees()
    {
        using var dir = new TempFolder();
        dir.File("PRSA_Data_Wanliu.csv", Header + "\r\n" + Rows);
        dir.File("stations.csv", Stations);
        var b = Read(dir);
        var h0 = HourAxis.FromLocal(2013, 3, 1, 0, 8);
        Assert.Equal(new DateTime(2013, 2, 28, 16, 0, 0, DateTimeKind.Utc), HourAxis.ToUtc(h0)); // hour 0 Beijing = 16Z the day before
        Assert.True(b.TryGetSeries("Wanliu", Variables.Pm25, out var pm));
        Assert.Equal(h0, pm.FirstHour);
        Assert.Equal(3, pm.Length);
        Assert.Equal(8f, pm.Get(h0));
        Assert.False(pm.IsObserved(h0 + 1));
        Assert.Equal(SeriesBuilder.SetEmpty, pm.StateAt(h0 + 1)); // NA is an explicit blank
        Assert.Equal(12.5f, pm.Get(h0 + 2));
        b.TryGetSeries("Wanliu", Variables.Co, out var co);
        Assert.Equal(400f, co.Get(h0)); // UCI CO is already µg/m³
        b.TryGetSeries("Wanliu", Variables.Wd, out var wd);
        Assert.Equal(337.5f, wd.Get(h0)); // NNW
        Assert.Equal(45f, wd.Get(h0 + 1)); // NE
        b.TryGetSeries("Wanliu", Variables.Temp, out var temp);
        Assert.Equal(-0.7f, temp.Get(h0));
        Assert.Equal(12, b.Series.Count());
        var st = Assert.Single(b.Stations);
        Assert.Equal((116.287, 39.987), (st.Longitude!.Value, st.Latitude!.Value));
        Assert.Equal("万柳", st.Name);
    }

    [Fact]
    public void Stations_without_coordinates_are_kept_and_noted()
    {
        using var dir = new TempFolder();
        var f = dir.File("PRSA_Data_Wanliu.csv", Header + "\r\n" + Rows);
        var b = Read(dir, f);
        Assert.False(Assert.Single(b.Stations).HasCoordinates);
        Assert.Contains(b.Notes, n => n.Contains("1 without", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1,2013,3,1,0,8,9,6,28,400,52,-0.7,1023,-18.8,0,\"NNW\",4.4\r\n", "line 2", "17 cells")]
    [InlineData("1,2013,3,1,0,8x,9,6,28,400,52,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Wanliu\"\r\n", "column 6 (PM2.5)", "'8x'")]
    [InlineData("1,2013,3,1,0,8,9,6,28,400,52,-0.7,1023,-18.8,0,\"XYZ\",4.4,\"Wanliu\"\r\n", "column 16 (wd)", "compass")]
    [InlineData("1,2013,2,30,0,8,9,6,28,400,52,-0.7,1023,-18.8,0,\"N\",4.4,\"Wanliu\"\r\n", "line 2", "not a valid date")]
    public void Bad_rows_name_file_line_column_and_value(string row, string where, string what)
    {
        using var dir = new TempFolder();
        dir.File("PRSA_Data_Wanliu.csv", Header + "\r\n" + row);
        var ex = Assert.Throws<InputException>(() => Read(dir));
        Assert.Contains("PRSA_Data_Wanliu.csv", ex.Message);
        Assert.Contains(where, ex.Message);
        Assert.Contains(what, ex.Message);
    }

    [Fact]
    public void A_repeated_row_is_a_duplicated_timestamp()
    {
        using var dir = new TempFolder();
        dir.File("PRSA_Data_Wanliu.csv", Header + "\r\n" + Rows + "4,2013,3,1,1,5,9,6,28,300,50,-1.1,1023.2,-18.2,0,\"NE\",4.7,\"Wanliu\"\r\n");
        var ex = Assert.Throws<InputException>(() => Read(dir));
        Assert.Contains("duplicated timestamp", ex.Message);
        Assert.Contains("line 5", ex.Message);
    }

    [Fact]
    public void Semicolon_header_is_reported_as_wrong_delimiter()
    {
        using var dir = new TempFolder();
        dir.File("PRSA_Data_Wanliu.csv", Header.Replace(',', ';') + "\r\n");
        var ex = Assert.Throws<InputException>(() => Read(dir));
        Assert.Contains("line 1", ex.Message);
        Assert.Contains("';'", ex.Message);
    }

    [Fact]
    public void Stations_file_given_but_absent_or_with_impossible_latitude_fails()
    {
        using var dir = new TempFolder();
        var f = dir.File("PRSA_Data_Wanliu.csv", Header + "\r\n" + Rows);
        var missing = Path.Combine(dir.Path, "nope.csv");
        var ex = Assert.Throws<InputException>(() => Importers.Read("prsa", [f], new ImportOptions { StationsFile = missing }, null, default));
        Assert.Contains(missing, ex.Message);
        dir.File("stations.csv", "station,cnemc_code,name_zh,longitude,latitude\nWanliu,1012A,万柳,116.287,95.5\n");
        ex = Assert.Throws<InputException>(() => Read(dir, f));
        Assert.Contains("stations.csv, line 2", ex.Message);
        Assert.Contains("latitude 95.5", ex.Message);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        using var dir = new TempFolder();
        dir.File("PRSA_Data_Wanliu.csv", "");
        var ex = Assert.Throws<InputException>(() => Read(dir));
        Assert.Contains("PRSA_Data_Wanliu.csv: the file is empty", ex.Message);
    }
}
