using System.IO.Compression;
using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Quality;

namespace AqNet.Core.Tests.Import;

public class LongImporterTests
{
    private const string Epa = "site_key,poc,datetime_utc,value,qualifier\n" +
        "01-001-0001,3,2011-01-01 00:00,5.5,\n" +
        "01-001-0001,3,2011-01-01 01:00,,\n" +
        "01-001-0001,3,2011-01-01 02:00,-2,\n" +
        "01-001-0001,4,2011-01-01 01:00,7,\n" +
        "01-001-0001,4,2011-01-01 02:00,9,\n" +
        "01-001-0001,4,2011-01-01 03:00,10,IT\n" +
        "02-002-0002,1,2011-01-01 00:00,20,\n";
    private const string Sites = "\"site_key\",\"poc\",\"state\",\"county\",\"lat\",\"lon\",\"utc_offset_h\"\n" +
        "\"01-001-0001\",3,\"Alabama\",\"Autauga\",32.4,-86.5,-6\n\"01-001-0001\",4,\"Alabama\",\"Autauga\",32.4,-86.5,-6\n";

    private static string Gz(TempFolder dir, string name, string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return dir.Bytes(name, ms.ToArray());
    }

    [Fact]
    public void Epa_preset_reads_gz_and_reconciles_instruments_lowest_poc_first()
    {
        using var dir = new TempFolder();
        var f = Gz(dir, "pm25.csv.gz", Epa);
        var sites = dir.File("sites.csv", Sites);
        var b = Importers.Read("long", [f], ImportOptions.Epa(sites), null, default);
        var h0 = HourAxis.ToHour(new DateTime(2011, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(b.TryGetSeries("01-001-0001", Variables.Pm25, out var s));
        Assert.Equal(5.5f, s.Get(h0));      // poc 3
        Assert.Equal(7f, s.Get(h0 + 1));    // poc 3 blank → filled from poc 4
        Assert.Equal(-2f, s.Get(h0 + 2));   // poc 3 has a value (negative kept; QC flags it)
        Assert.Equal(10f, s.Get(h0 + 3));   // only poc 4
        var flags = s.DenseFlags();
        Assert.Equal(new byte[] { 0, 16, 0, 16 }, flags);
        Assert.Contains(b.Notes, n => n.Contains("2 station-hours were filled", StringComparison.Ordinal));
        Assert.True(b.GetStation("01-001-0001").HasCoordinates);
        Assert.False(b.GetStation("02-002-0002").HasCoordinates);
        var report = QualityControl.Apply(b);
        Assert.Equal(1, report.For("01-001-0001", Variables.Pm25).OutOfBounds);
        Assert.Equal(2, report.For("01-001-0001", Variables.Pm25).Reconciled); // QC keeps the importer's bit
    }

    [Fact]
    public void Custom_mapping_with_delimiter_format_zone_and_variable_column()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.txt", "id;when;what;val\nA;01/03/2013 00:00;PM10;42\nA;01/03/2013 01:00;NO2;NA\nB;01/03/2013 00:00;PM10;1e2\n");
        var o = new ImportOptions
        {
            Long = new LongFormatOptions { StationColumn = "id", TimeColumn = "when", TimeFormat = "dd/MM/yyyy HH:mm", TimeZone = "UTC+8", ValueColumn = "val", VariableColumn = "what", Delimiter = ';' },
        };
        var b = Importers.Read("long", [f], o, null, default);
        var h = HourAxis.FromLocal(2013, 3, 1, 0, 8);
        b.TryGetSeries("A", Variables.Pm10, out var a);
        Assert.Equal(42f, a.Get(h));
        b.TryGetSeries("A", Variables.No2, out var no2);
        Assert.Equal(SeriesBuilder.SetEmpty, no2.StateAt(h + 1));
        b.TryGetSeries("B", Variables.Pm10, out var bb);
        Assert.Equal(100f, bb.Get(h)); // exponent form goes through the invariant-culture fallback
        Assert.Equal("UTC+08:00", b.SourceTimeZone);
    }

    [Theory]
    [InlineData("01-001-0001,3,2011-01-01 00:00,5.5,\n01-001-0001,3,2011-01-01 00:00,6,\n", "line 3", "duplicated timestamp")]
    [InlineData("01-001-0001,3,2011-01-01 00:30,5.5,\n", "column 3 (datetime_utc)", "whole hour")]
    [InlineData("01-001-0001,3,2011-13-01 00:00,5.5,\n", "column 3 (datetime_utc)", "not a date")]
    [InlineData("01-001-0001,3,2011-01-01 00:00,five,\n", "column 4 (value)", "'five' is not a number")]
    [InlineData("01-001-0001,3,2011-01-01 00:00\n", "line 2", "3 cells but the header has 5")]
    public void Bad_rows_are_reported(string rows, string where, string what)
    {
        using var dir = new TempFolder();
        var f = dir.File("pm25.csv", "site_key,poc,datetime_utc,value,qualifier\n" + rows);
        var ex = Assert.Throws<InputException>(() => Importers.Read("long", [f], ImportOptions.Epa(), null, default));
        Assert.Contains("pm25.csv", ex.Message);
        Assert.Contains(where, ex.Message);
        Assert.Contains(what, ex.Message);
    }

    [Fact]
    public void A_tab_separated_file_read_as_comma_is_a_delimiter_error()
    {
        using var dir = new TempFolder();
        var f = dir.File("pm25.csv", "site_key\tpoc\tdatetime_utc\tvalue\n1\t1\t2011-01-01 00:00\t1\n");
        var ex = Assert.Throws<InputException>(() => Importers.Read("long", [f], ImportOptions.Epa(), null, default));
        Assert.Contains("'\\t'", ex.Message);
    }

    [Fact]
    public void Mapping_errors_are_input_errors()
    {
        using var dir = new TempFolder();
        var f = dir.File("pm25.csv", Epa);
        Assert.Throws<InputException>(() => Importers.Read("long", [f], new ImportOptions(), null, default));
        var o = ImportOptions.Epa() with { Long = LongFormatOptions.Epa with { TimeZone = "Mars/Olympus" } };
        Assert.Contains("Mars/Olympus", Assert.Throws<InputException>(() => Importers.Read("long", [f], o, null, default)).Message);
        o = ImportOptions.Epa() with { Long = LongFormatOptions.Epa with { ValueColumn = "reading" } };
        Assert.Contains("no column 'reading'", Assert.Throws<InputException>(() => Importers.Read("long", [f], o, null, default)).Message);
    }

    private static ImportOptions ZoneColumn() => new()
    {
        Long = new LongFormatOptions { StationColumn = "id", TimeColumn = "local", TimeZoneColumn = "tz", ValueColumn = "v", Variable = Variables.Pm25 },
    };

    [Fact]
    public void A_time_zone_column_converts_each_row_with_its_own_zone()
    {
        using var dir = new TempFolder();
        // The same UTC hour (2013-03-01 00:00 UTC) written as local time in three zones.
        var f = dir.File("obs.csv", "id,local,tz,v\nBJ,2013-03-01 08:00,+8,10\nNY,2013-02-28 19:00,UTC-5,20\nLON,2013-03-01 00:00,UTC,30\n" +
                                    "NY,2013-02-28 20:00,UTC-05:00,21\n");
        var b = Importers.Read("long", [f], ZoneColumn(), null, default);
        var h = HourAxis.ToHour(new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        b.TryGetSeries("BJ", Variables.Pm25, out var bj);
        b.TryGetSeries("NY", Variables.Pm25, out var ny);
        b.TryGetSeries("LON", Variables.Pm25, out var lon);
        Assert.Equal(10f, bj.Get(h));
        Assert.Equal(20f, ny.Get(h));
        Assert.Equal(21f, ny.Get(h + 1));
        Assert.Equal(30f, lon.Get(h));
        Assert.Equal("UTC+08:00", b.TimeZoneOf("BJ"));
        Assert.Equal("UTC-05:00", b.TimeZoneOf("NY"));
        Assert.Equal("UTC", b.TimeZoneOf("LON"));
        Assert.Equal("per row (column tz)", b.SourceTimeZone);
        Assert.DoesNotContain(b.Notes, n => n.Contains("more than one time zone", StringComparison.Ordinal));
    }

    [Fact]
    public void A_station_in_two_time_zones_is_reported()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "id,local,tz,v\nA,2013-03-01 08:00,+8,1\nA,2013-03-01 10:00,+9,2\n");
        var b = Importers.Read("long", [f], ZoneColumn(), null, default);
        b.TryGetSeries("A", Variables.Pm25, out var a);
        var h = HourAxis.ToHour(new DateTime(2013, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1f, a.Get(h));
        Assert.Equal(2f, a.Get(h + 1));
        Assert.Contains(b.Notes, n => n.Contains("station A has rows in more than one time zone (UTC+08:00, UTC+09:00)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_time_zone_cell_names_file_line_and_column()
    {
        using var dir = new TempFolder();
        var f = dir.File("obs.csv", "id,local,tz,v\nA,2013-03-01 08:00,+8,1\nA,2013-03-01 09:00,Mars,2\n");
        var ex = Assert.Throws<InputException>(() => Importers.Read("long", [f], ZoneColumn(), null, default));
        Assert.Contains("obs.csv, line 3, column 3 (tz)", ex.Message);
        Assert.Contains("'Mars'", ex.Message);
    }
}
