namespace AqNet.Core.Data;

/// <summary>Absolute hour numbers: whole hours since 1970-01-01T00:00Z. All AqNet time axes are UTC; a source's
/// local time (Beijing is UTC+8) is converted on import and recorded as the source's time zone.</summary>
public static class HourAxis
{
    public static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static int ToHour(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException($"expected a UTC time, got Kind={utc.Kind} for {utc:O}", nameof(utc));
        var ticks = utc.Ticks - Epoch.Ticks;
        if (ticks % TimeSpan.TicksPerHour != 0) throw new ArgumentException($"expected a whole hour, got {utc:O}", nameof(utc));
        return checked((int)(ticks / TimeSpan.TicksPerHour));
    }

    public static DateTime ToUtc(int hour) => Epoch.AddHours(hour);

    /// <summary>Local wall-clock date + hour at a fixed UTC offset → absolute hour.</summary>
    public static int FromLocal(int year, int month, int day, int hour, int utcOffsetHours) =>
        ToHour(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).AddHours(hour - utcOffsetHours));
}
