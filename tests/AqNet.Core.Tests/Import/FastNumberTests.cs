using System.Globalization;
using System.Text;
using AqNet.Core.Import;
using CsCheck;

namespace AqNet.Core.Tests.Import;

public class FastNumberTests
{
    [Fact]
    public void Agrees_with_double_parse_on_simple_decimals()
    {
        Gen.Select(Gen.Long[-9_999_999_999L, 9_999_999_999L], Gen.Int[0, 5]).Sample((m, decimals) =>
        {
            var text = (m / Math.Pow(10, decimals)).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            Assert.True(FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var v), text);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
        }, iter: 2000, threads: 1);
    }

    [Theory]
    [InlineData("1e3", true, 1000)]
    [InlineData("-0.5", true, -0.5)]
    [InlineData("+2", true, 2)]
    [InlineData(".5", true, 0.5)]
    [InlineData("12345678901234567.5", true, 12345678901234567.5)]
    [InlineData("", false, 0)]
    [InlineData("-", false, 0)]
    [InlineData("NaN", false, 0)]
    [InlineData("1.2.3", false, 0)]
    [InlineData("1,5", false, 0)]
    public void Edge_cases(string text, bool ok, double expected)
    {
        Assert.Equal(ok, FastNumber.TryParse(Encoding.ASCII.GetBytes(text), out var v));
        if (ok) Assert.Equal(expected, v);
    }

    [Fact]
    public void Line_reader_handles_crlf_lf_bom_missing_final_newline_and_lines_longer_than_the_buffer()
    {
        var longLine = new string('x', 100);
        var bytes = Encoding.UTF8.GetBytes("\uFEFFa,b\r\n" + longLine + "\n\nlast");
        var r = new ByteLineReader(new MemoryStream(bytes), bufferSize: 8);
        var lines = new List<(int, string)>();
        while (r.ReadLine(out var line)) lines.Add((r.LineNumber, Encoding.UTF8.GetString(line)));
        Assert.Equal([(1, "a,b"), (2, longLine), (3, ""), (4, "last")], lines);
    }

    [Fact]
    public void Csv_fields_handle_quotes_and_escaped_quotes()
    {
        var line = "\"a\",b,\"c,\"\"d\"\"\",,"u8;
        var f = new CsvFields();
        f.Split(line, (byte)',');
        Assert.Equal(["a", "b", "c,\"d\"", "", ""], f.AllText(line));
    }
}
