using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Tests.Import;

/// <summary>Wide tables: a time column and one column per station (AQI-36's pm25_ground.txt layout).</summary>
public sealed class WideImporterTests
{
    internal const string Ground = "datetime,001001,001002\n2014/05/01 00:00:00,138,89\n2014/05/01 01:00:00,,90\n,,\n2014/05/01 02:00:00,NaN,95.5\n";
    internal const string LatLng = "sensor_id,latitude,longitude\n001001,39.982,116.397\n";

    internal static ImportOptions Options(string? stations = null, string variable = "PM2.5") => new()
    {
        StationsFile = stations,
        StationColumns = stations is null ? null : StationColumns.Parse("id=sensor_id"),
        Long = new LongFormatOptions { TimeColumn = "datetime", TimeFormat = "yyyy/MM/dd HH:mm:ss", TimeZone = "+8", Variable = variable },
        MaxParallelism = 1,
    };

    [Fact]
    public void Reads_one_series_per_station_column_with_exact_values_and_skips_empty_rows()
    {
        using var dir = new TempFolder();
        var b = Importers.Read("wide", [dir.File("pm25_ground.txt", Ground)], Options(dir.File("latlng.csv", LatLng)), null, default);
        var h0 = HourAxis.FromLocal(2014, 5, 1, 0, 8);   // 2014-04-30T16Z
        Assert.True(b.TryGetSeries("001001", Variables.Pm25, out var a));
        Assert.True(b.TryGetSeries("001002", Variables.Pm25, out var c));
        Assert.Equal([138f, float.NaN, float.NaN], [a.Get(h0), a.Get(h0 + 1), a.Get(h0 + 2)]);
        Assert.Equal(SeriesBuilder.SetEmpty, a.StateAt(h0 + 1));
        Assert.Equal([89f, 90f, 95.5f], [c.Get(h0), c.Get(h0 + 1), c.Get(h0 + 2)]);
        Assert.Equal(2, b.Series.Count());
        var st = b.Stations.ToDictionary(s => s.Id);
        Assert.Equal((116.397, 39.982), (st["001001"].Longitude, st["001001"].Latitude));
        Assert.False(st["001002"].HasCoordinates);
        Assert.Equal("UTC+08:00", b.SourceTimeZone);
        Assert.Contains("1 rows with every cell empty were skipped", b.Notes);
        Assert.Contains(b.Notes, n => n.StartsWith("1 stations are not in ", StringComparison.Ordinal) && n.EndsWith("(ingested without coordinates): 001002", StringComparison.Ordinal));
    }

    [Fact]
    public void A_unit_is_converted_to_ug_per_m3()
    {
        using var dir = new TempFolder();
        var o = Options(variable: Variables.No2) with { Long = Options().Long! with { Variable = Variables.No2, Units = new Dictionary<string, ConcentrationUnit> { ["*"] = ConcentrationUnit.Ppb } } };
        var b = Importers.Read("wide", [dir.File("no2.csv", "datetime,A\n2014/05/01 00:00:00,24.45\n")], o, null, default);
        b.TryGetSeries("A", Variables.No2, out var s);
        Assert.Equal(46.0055f, s.Get(HourAxis.FromLocal(2014, 5, 1, 0, 8)));
    }

    [Fact]
    public void A_repeated_station_column_is_read_once_when_it_agrees_and_refused_where_it_differs()
    {
        using var dir = new TempFolder();
        var same = Importers.Read("wide", [dir.File("a.csv", "datetime,A,A\n2014/05/01 00:00:00,5,5\n")], Options(), null, default);
        Assert.Contains("1 values were given twice with the same value (repeated rows or station columns) and read once", same.Notes);
        var f = dir.File("b.csv", "datetime,A,A\n2014/05/01 00:00:00,5,6\n");
        var ex = Assert.Throws<InputException>(() => Importers.Read("wide", [f], Options(), null, default));
        Assert.StartsWith($"{f}, line 2, column 3", ex.Message);
    }

    [Fact]
    public void A_header_without_rows_adds_no_station()
    {
        using var dir = new TempFolder();
        var b = Importers.Read("wide", [dir.File("a.csv", Ground), dir.File("b.csv", "datetime,X,Y\n")], Options(), null, default);
        Assert.Equal(["001001", "001002"], b.Stations.Select(s => s.Id).Order());
    }

    [Theory]
    [InlineData("datetime,A\n2014/05/01 00:00:00,high\n", "line 2, column 2 (station A): 'high' is not a number")]
    [InlineData("time,A\n2014/05/01 00:00:00,1\n", "line 1: no column 'datetime' (--time-column); the header has time,A; give the time column's name with --time-column")]
    [InlineData("datetime\n2014/05/01 00:00:00\n", "line 1: only the time column 'datetime'; expected a time column and one column per station")]
    [InlineData("datetime,,B\n2014/05/01 00:00:00,1,2\n", "line 1, column 2: no name; expected a station id")]
    [InlineData("datetime,A\n2014-05-01 00:00,1\n", "line 2, column 1 (datetime): '2014-05-01 00:00' is not a time in the format yyyy/MM/dd HH:mm:ss")]
    [InlineData("datetime,A\n2014/05/01 00:00:00,1,2\n", "line 2: 3 cells but the header has 2")]
    public void Bad_tables_are_refused_naming_line_column_and_what_was_expected(string text, string expected)
    {
        using var dir = new TempFolder();
        var f = dir.File("w.csv", text);
        var ex = Assert.Throws<InputException>(() => Importers.Read("wide", [f], Options(), null, default));
        Assert.Contains(expected, ex.Message);
        Assert.StartsWith(f, ex.Message);
    }

    [Fact]
    public void The_variable_is_required() =>
        Assert.Equal("the wide format needs --variable, the variable of every station column (e.g. --variable PM2.5)",
            Assert.Throws<InputException>(() => Importers.Read("wide", ["x.csv"], new ImportOptions(), null, default)).Message);
}
