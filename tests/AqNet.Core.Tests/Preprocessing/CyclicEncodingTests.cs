using AqNet.Core.Data;
using AqNet.Core.Preprocessing;

namespace AqNet.Core.Tests.Preprocessing;

public class CyclicEncodingTests
{
    [Fact]
    public void Encodes_local_time_at_the_given_offset()
    {
        // 2013-02-28T17:00Z = Friday 2013-03-01 01:00 in Beijing (UTC+8): hour 1, dow 5 (Sunday = 0), month 3.
        var d = new float[6];
        CyclicEncoding.Encode(new DateTime(2013, 2, 28, 17, 0, 0, DateTimeKind.Utc), 8, d);
        Assert.Equal(Math.Sin(2 * Math.PI / 24), d[0], 6);
        Assert.Equal(Math.Cos(2 * Math.PI / 24), d[1], 6);
        Assert.Equal(Math.Sin(2 * Math.PI * 5 / 7), d[2], 6);
        Assert.Equal(Math.Cos(2 * Math.PI * 5 / 7), d[3], 6);
        Assert.Equal(Math.Sin(2 * Math.PI * 2 / 12), d[4], 6);
        Assert.Equal(Math.Cos(2 * Math.PI * 2 / 12), d[5], 6);
        // the same instant in UTC is Thursday 17 h in February
        CyclicEncoding.Encode(new DateTime(2013, 2, 28, 17, 0, 0, DateTimeKind.Utc), 0, d);
        Assert.Equal(Math.Sin(2 * Math.PI * 17 / 24), d[0], 6);
        Assert.Equal(Math.Sin(2 * Math.PI * 4 / 7), d[2], 6);
        Assert.Equal(Math.Sin(2 * Math.PI * 1 / 12), d[4], 6);
        Assert.All(CyclicEncoding.Names, n => Assert.StartsWith("cyc:", n));
    }

    [Theory]
    [InlineData("UTC+08:00 (Beijing)", 8)]
    [InlineData("UTC", 0)]
    [InlineData("UTC-5", -5)]
    [InlineData("GMT+0900", 9)]
    public void Parses_source_time_zones(string tz, int hours) => Assert.Equal(hours, CyclicEncoding.ParseUtcOffset(tz));

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("UTC+05:30")]
    [InlineData("UTC+20")]
    public void Rejects_what_it_cannot_read(string tz) =>
        Assert.Throws<InputException>(() => CyclicEncoding.ParseUtcOffset(tz));

    [Theory]
    [InlineData("Asia/Shanghai", 8)]
    [InlineData("America/New_York", -5)]
    [InlineData("UTC-05:00", -5)]
    public void A_stored_zone_gives_its_standard_offset(string tz, int hours) => Assert.Equal(hours, CyclicEncoding.TryParseUtcOffset(tz));

    [Theory]
    [InlineData("per row (column tz)")]
    [InlineData("UTC+05:30")]
    [InlineData("")]
    public void A_label_without_an_offset_gives_none(string tz) => Assert.Null(CyclicEncoding.TryParseUtcOffset(tz));

    [Fact]
    public void A_network_takes_the_offset_most_of_its_stations_have()
    {
        Assert.Equal(0, CyclicEncoding.NetworkOffset(["UTC", "UTC", "UTC+08:00 (Beijing)"]));
        Assert.Equal(8, CyclicEncoding.NetworkOffset(["UTC+08:00 (Beijing)", "Asia/Shanghai", "UTC"]));
        Assert.Equal(-6, CyclicEncoding.NetworkOffset(["UTC-05:00", "UTC-06:00"]));   // a tie: the smaller
        Assert.Equal(0, CyclicEncoding.NetworkOffset(["per row (column tz)", null]));
    }
}
