using AqNet.Core.Grid;

namespace AqNet.Core.Tests.Grid;

public sealed class OutputStepsTests
{
    private static DateTime Utc(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Hourly_steps_are_labelled_by_the_end_of_the_hour_they_average()
    {
        var s = OutputSteps.Hourly(Utc(2016, 12, 1, 0), 2);
        Assert.Equal([(Utc(2016, 12, 1, 0), Utc(2016, 11, 30, 23), Utc(2016, 12, 1, 0), 0), (Utc(2016, 12, 1, 1), Utc(2016, 12, 1, 0), Utc(2016, 12, 1, 1), 1)],
            s.Select(x => (x.TimeUtc, x.StartUtc, x.EndUtc, x.FirstHour)));
        Assert.All(s, x => Assert.False(x.Partial));
    }

    [Fact]
    public void Beijing_days_run_from_local_midnight_and_partial_ends_are_marked()
    {
        // 48 hours from 2016-12-01T00Z = 08:00 Beijing: 17 hours of Dec 1 (labels 08:00 .. 24:00 local), all of Dec 2, 7 of Dec 3.
        var s = OutputSteps.LocalDays(Utc(2016, 12, 1, 0), 48, 8, PartialDays.Keep);
        Assert.Equal([new DateOnly(2016, 12, 1), new DateOnly(2016, 12, 2), new DateOnly(2016, 12, 3)], s.Select(x => x.LocalDate!.Value));
        Assert.Equal([17, 24, 7], s.Select(x => x.Hours));
        Assert.Equal([0, 17, 41], s.Select(x => x.FirstHour));
        Assert.Equal([true, false, true], s.Select(x => x.Partial));
        Assert.Equal([Utc(2016, 11, 30, 16), Utc(2016, 12, 1, 16), Utc(2016, 12, 2, 16)], s.Select(x => x.TimeUtc));
        Assert.Equal((Utc(2016, 11, 30, 23), Utc(2016, 12, 1, 16)), (s[0].StartUtc, s[0].EndUtc)); // only the hours averaged
        Assert.Equal((Utc(2016, 12, 1, 16), Utc(2016, 12, 2, 16)), (s[1].StartUtc, s[1].EndUtc)); // local midnight to midnight
        var dropped = OutputSteps.LocalDays(Utc(2016, 12, 1, 0), 48, 8, PartialDays.Drop);
        Assert.Equal([new DateOnly(2016, 12, 2)], dropped.Select(x => x.LocalDate!.Value));
    }

    [Fact]
    public void The_hour_labelled_local_midnight_closes_the_previous_day()
    {
        // UTC−5: 2011-01-01T05Z is 00:00 local, the mean of 23:00–24:00 of Dec 31.
        var s = OutputSteps.LocalDays(Utc(2011, 1, 1, 5), 25, -5, PartialDays.Keep);
        Assert.Equal([(new DateOnly(2010, 12, 31), 1), (new DateOnly(2011, 1, 1), 24)], s.Select(x => (x.LocalDate!.Value, x.Hours)));
        Assert.Equal(Utc(2011, 1, 1, 5), s[1].TimeUtc);
        Assert.Equal("UTC-05:00", OutputSteps.ZoneLabel(-5));
    }
}
