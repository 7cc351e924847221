using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

/// <summary>Inputs that used to be accepted without a word (a phantom station, a silently missing value, a
/// million empty stations): each is now refused with the place and what was expected, or accepted with a note.</summary>
public sealed class QuietAcceptanceTests
{
    private const string PrsaHeader = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\",\"RAIN\",\"wd\",\"WSPM\",\"station\"";
    private const string PrsaRow = "1,2013,3,1,0,8,9,6,28,400,52,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Wanliu\"";

    private static InputException Refused(string format, string path, ImportOptions? o = null) =>
        Assert.Throws<InputException>(() => Importers.Read(format, [path], o ?? new ImportOptions(), null, default));

    private static ImportOptions Long(string? timeFormat = null) => new()
    {
        Long = new LongFormatOptions { StationColumn = "site", TimeColumn = "time", ValueColumn = "value", Variable = "PM2.5", TimeFormat = timeFormat ?? "yyyy-MM-dd HH:mm" },
    };

    [Fact]
    public void A_file_cut_inside_its_last_quoted_cell_is_refused_not_read_as_a_new_station()
    {
        using var dir = new TempFolder();
        var f = dir.File("PRSA_Data_Wanliu.csv", PrsaHeader + "\r\n" + PrsaRow + "\r\n" + PrsaRow.Replace("1,2013,3,1,0", "2,2013,3,1,1")[..^3]);
        Assert.Equal($"{f}, line 3, column 18 (station): a quoted cell has no closing quote; expected \"...\" on one line (file cut off?)", Refused("prsa", f).Message);
    }

    [Fact]
    public void A_cnemc_file_cut_inside_a_skipped_row_is_noted_at_its_end_and_refused_in_its_middle()
    {
        using var dir = new TempFolder();
        var cut = dir.File("china_sites_20190101.csv", "date,hour,type,1001A,1002A\n20190101,0,PM2.5,5,6\n20190101,0,AQI,7");
        var b = Importers.Read("cnemc", [cut], new ImportOptions(), null, default);
        Assert.Contains($"{cut} is cut off inside its last line 3 (4 of 5 cells, a row type that is not read); the rows before it were read", b.Notes);
        Assert.True(b.TryGetSeries("1001A", Variables.Pm25, out var pm) && pm.ObservedCount() == 1);

        var middle = dir.File("china_sites_20190102.csv", "date,hour,type,1001A,1002A\n20190102,0,AQI,7\n20190102,0,PM2.5,5,6\n");
        Assert.Equal($"{middle}, line 2: 4 cells but the header has 5; expected one cell per column (truncated file?)", Refused("cnemc", middle).Message);
    }

    [Fact]
    public void A_header_only_cnemc_file_adds_no_stations()
    {
        using var dir = new TempFolder();
        var f = dir.File("china_sites_20190101.csv", "date,hour,type," + string.Join(",", Enumerable.Range(1000, 3000).Select(i => i + "A")) + "\n");
        var b = Importers.Read("cnemc", [f], new ImportOptions(), null, default);
        Assert.Empty(b.Stations);
        Assert.Contains($"{f} has a header but no data rows; its 3,000 station columns were not added", b.Notes);
    }

    [Fact]
    public void A_repeated_value_or_station_column_in_a_long_file_is_refused_naming_both_columns()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "site,time,value,value\nA,2020-01-01 00:00,1,2\n");
        Assert.Equal($"{f}, line 1: columns 3 and 4 are both named 'value' (--value-column); expected it once, or name the one to read", Refused("long", f, Long()).Message);
        var g = dir.File("obs2.csv", "site,time,value,SITE\nA,2020-01-01 00:00,1,B\n");
        Assert.Contains("columns 1 and 4 are both named 'site' (--station-column)", Refused("long", g, Long()).Message);
    }

    [Fact]
    public void A_missing_column_names_the_option_and_lists_at_most_20_header_columns()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "site,time," + string.Join(",", Enumerable.Range(0, 100000).Select(i => "c" + i)) + "\n");
        var m = Refused("long", f, Long()).Message;
        Assert.StartsWith($"{f}, line 1: no column 'value' (--value-column); the header has site,time,c0,c1,", m);
        Assert.EndsWith("c17 … (100002 columns); give the right name with --value-column", m);
    }

    [Theory]
    [InlineData("1e39")]
    [InlineData("-4e38")]
    public void A_value_beyond_float_range_is_refused_rather_than_stored_as_missing(string value)
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", $"site,time,value\nA,2020-01-01 00:00,{value}\n");
        Assert.Equal($"{f}, line 2, column 3 (value): '{value}' is beyond the range of a stored value (±3.4e38); expected a measured value", Refused("long", f, Long()).Message);
        var c = dir.File("china_sites_20190101.csv", $"date,hour,type,1001A\n20190101,0,PM2.5,{value}\n");
        Assert.Equal($"{c}, line 2, column 4 (1001A): '{value}' is beyond the range of a stored value (±3.4e38); expected a measured value", Refused("cnemc", c).Message);
    }

    [Theory]
    [InlineData("01/01/0001 00", 1)]
    [InlineData("01/01/9999 00", 9999)]
    public void A_year_outside_1971_to_2100_with_a_custom_time_format_is_refused(string time, int year)
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", $"site,time,value\nA,{time},1\n");
        Assert.Equal($"{f}, line 2, column 2 (time): '{time}' is in the year {year}; expected a year 1971..2100 (a wrong --time-format?)",
            Refused("long", f, Long("dd/MM/yyyy HH")).Message);
    }

    [Fact]
    public void A_utf16_stations_file_and_an_html_page_are_named_for_what_they_are()
    {
        using var dir = new TempFolder();
        var data = dir.File("PRSA_Data_Wanliu.csv", PrsaHeader + "\r\n" + PrsaRow + "\r\n");
        var stations = dir.File("stations.csv", "station,cnemc_code,name_zh,longitude,latitude\r\nWanliu,1012A,万柳,116.287,39.987\r\n", new UnicodeEncoding(false, true));
        Assert.Equal($"{stations}: the file is UTF-16 (or binary), not UTF-8 text; expected a UTF-8 CSV (re-save it as UTF-8)",
            Refused("prsa", data, new ImportOptions { StationsFile = stations }).Message);
        var html = dir.File("download/obs.csv", "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>\n");
        Assert.Equal($"{html}: the file is an HTML/XML page, not a data file (a failed download saved as .csv?); expected a CSV table", Refused("long", html, Long()).Message);
    }

    [Fact]
    public void Identical_repeated_rows_are_read_once_with_a_note_and_conflicting_ones_refused_with_both_values()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "site,time,value\nA,2020-01-01 00:00,1.5\nA,2020-01-01 01:00,2\nA,2020-01-01 00:00,1.5\nA,2020-01-01 01:00,2\n");
        var b = Importers.Read("long", [f], Long(), null, default);
        Assert.True(b.TryGetSeries("A", Variables.Pm25, out var pm) && pm.ObservedCount() == 2);
        Assert.Contains("2 values were given twice with the same value (repeated rows or station columns) and read once", b.Notes);
        var g = dir.File("obs2.csv", "site,time,value\nA,2020-01-01 00:00,1.5\nA,2020-01-01 00:00,1.25\n");
        Assert.StartsWith($"{g}, line 3: duplicated timestamp 2020-01-01T00:00Z for station 'A', variable PM2.5 with another value (1.5 before, 1.25 here)", Refused("long", g, Long()).Message);
    }
}
