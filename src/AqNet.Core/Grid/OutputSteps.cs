namespace AqNet.Core.Grid;

/// <summary>What a daily product does with the first and last local days when the period covers them only in part.</summary>
public enum PartialDays
{
    /// <summary>Leave them out: every daily value is a mean over a whole local day.</summary>
    Drop,
    /// <summary>Keep them, marked by partial_day = 1, hours_averaged and bounds that cover only the hours averaged.</summary>
    Keep,
}

/// <summary>One output time step. Hourly: TimeUtc is the hour's label, the end of the hour it averages (the value at
/// UTC hour h is the mean over h−1..h), bounds [h−1, h]. Daily: TimeUtc is local midnight starting LocalDate, in UTC;
/// bounds are the hours averaged (the whole local day unless partial). FirstHour and Hours index the job's hourly axis.</summary>
public sealed record OutputStep(DateTime TimeUtc, DateTime StartUtc, DateTime EndUtc, int FirstHour, int Hours, DateOnly? LocalDate = null)
{
    public bool Partial => LocalDate is not null && Hours < 24;
}

public static class OutputSteps
{
    public static IReadOnlyList<OutputStep> Hourly(DateTime fromUtc, int hours) =>
        [.. Enumerable.Range(0, hours).Select(h => fromUtc.AddHours(h)).Select((t, h) => new OutputStep(t, t.AddHours(-1), t, h, 1))];

    /// <summary>Local calendar days (fixed UTC offset) of the hours labelled fromUtc, fromUtc + 1 h, … An hour belongs to
    /// the day in which its averaging interval starts, so local day D holds the hours labelled 01:00 … 24:00 local
    /// and its bounds are exactly local midnight to local midnight.</summary>
    public static IReadOnlyList<OutputStep> LocalDays(DateTime fromUtc, int hours, int utcOffsetHours, PartialDays partial)
    {
        if (fromUtc.Kind == DateTimeKind.Local) throw new ArgumentException("fromUtc must be UTC", nameof(fromUtc));
        var days = new List<OutputStep>();
        for (var h = 0; h < hours;)
        {
            var startLocal = fromUtc.AddHours(h - 1 + utcOffsetHours);
            var dayStartUtc = DateTime.SpecifyKind(startLocal.Date.AddHours(-utcOffsetHours), DateTimeKind.Utc);
            var lastLabel = dayStartUtc.AddDays(1);
            var n = Math.Min(hours - h, (int)(lastLabel - fromUtc.AddHours(h)).TotalHours + 1);
            var step = new OutputStep(dayStartUtc, DateTime.SpecifyKind(fromUtc.AddHours(h - 1), DateTimeKind.Utc),
                DateTime.SpecifyKind(fromUtc.AddHours(h + n - 1), DateTimeKind.Utc), h, n, DateOnly.FromDateTime(startLocal));
            if (n == 24 || partial == PartialDays.Keep) days.Add(step);
            h += n;
        }
        return days;
    }

    /// <summary>"UTC+08:00", "UTC-05:00", "UTC".</summary>
    public static string ZoneLabel(int utcOffsetHours) => Import.LongTimeParser.ZoneLabel(utcOffsetHours);

    /// <summary>The whole-hour offset of a store's time_zone text ("UTC+08:00 (Beijing)"), or null when it has none
    /// (e.g. zones given row by row, or an IANA zone with summer time).</summary>
    public static int? ParseStoredZone(string timeZone)
    {
        try { return Import.LongTimeParser.ParseZone(timeZone.Split(" (")[0]) is { Iana: null } z ? z.OffsetHours : null; }
        catch (Data.InputException) { return null; }
    }
}
