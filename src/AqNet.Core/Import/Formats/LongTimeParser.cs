using System.Globalization;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>A long table's time zone: a whole-hour offset from UTC, or an IANA zone (e.g. Asia/Shanghai,
/// Europe/Berlin) whose offset follows its summer-time rules hour by hour.</summary>
internal sealed record LongZone(int OffsetHours, TimeZoneInfo? Iana, string Label);

/// <summary>Parses a long table's time cell into an absolute hour. Formats of the shape yyyy-MM-dd[ T]HH[:mm[:ss]]
/// take a byte-level fast path with the day cached (rows are usually sorted by time) when the zone is a fixed offset;
/// any other .NET custom format goes through DateTime.TryParseExact (invariant culture). An ISO 8601 time that
/// carries its own zone (2019-01-01T08:00Z, 2019-01-01T08:00:00+08:00) is read as such whatever the format and zone
/// options say. Minutes and seconds must be zero (in UTC).</summary>
internal sealed class LongTimeParser
{
    private static readonly string[] IsoWithZone = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss K", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
    private readonly string _format;
    private readonly int _offset;
    private readonly TimeZoneInfo? _iana;
    private readonly bool _fast;
    private readonly byte[] _lastDay = new byte[10];
    private int _dayBase = int.MinValue;

    public LongTimeParser(string format, LongZone zone)
    {
        _format = format;
        _offset = zone.OffsetHours;
        _iana = zone.Iana;
        _fast = _iana is null && format is "yyyy-MM-dd HH:mm" or "yyyy-MM-ddTHH:mm" or "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-ddTHH:mm:ss" or "yyyy-MM-dd HH";
    }

    /// <summary>"UTC" (or "Z", "GMT") → 0; "+8", "-5", "UTC+8", "UTC-05:00" → whole hours; an IANA id such as
    /// Asia/Shanghai or America/New_York → that zone with its summer time.</summary>
    public static LongZone ParseZone(string zone)
    {
        var z = zone.Trim();
        if (z is "UTC" or "utc" or "Z" or "GMT") return new LongZone(0, null, ZoneLabel(0));
        if (z.Contains('/', StringComparison.Ordinal))
        {
            try { return new LongZone(0, TimeZoneInfo.FindSystemTimeZoneById(z), z); }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new InputException($"time zone '{zone}' is not an IANA zone this machine knows (tzdata); expected e.g. Asia/Shanghai, Europe/Berlin, or a whole-hour offset such as +8");
            }
        }
        if (z.StartsWith("UTC", StringComparison.OrdinalIgnoreCase)) z = z[3..];
        if (z.EndsWith(":00", StringComparison.Ordinal)) z = z[..^3];
        if (int.TryParse(z, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var h) && h is >= -14 and <= 14) return new LongZone(h, null, ZoneLabel(h));
        throw new InputException($"time zone '{zone}' is not understood; expected UTC, a whole-hour offset such as +8, -5 or UTC+8, or an IANA zone such as Asia/Shanghai");
    }

    /// <summary>"UTC" for 0, else "UTC+08:00", "UTC-05:00".</summary>
    public static string ZoneLabel(int offsetHours) =>
        offsetHours == 0 ? "UTC" : $"UTC{(offsetHours > 0 ? "+" : "-")}{Math.Abs(offsetHours):00}:00";

    /// <returns>The absolute hour, or null with <paramref name="problem"/> saying what was wrong.</returns>
    public int? Parse(ReadOnlySpan<byte> cell, out string? problem)
    {
        problem = null;
        if (_fast && cell.Length == _format.Length && cell.Length >= 13)
        {
            if (!cell[..10].SequenceEqual(_lastDay))
            {
                int y = FastNumber.ParseInt(cell[..4]), m = FastNumber.ParseInt(cell.Slice(5, 2)), d = FastNumber.ParseInt(cell.Slice(8, 2));
                if (cell[4] != '-' || cell[7] != '-' || y is < 1971 or > 2100 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
                {
                    problem = $"not a date in the format {_format}";
                    return null;
                }
                _dayBase = HourAxis.FromLocal(y, m, d, 0, _offset);
                cell[..10].CopyTo(_lastDay);
            }
            var h = FastNumber.ParseInt(cell.Slice(11, 2));
            if (h is < 0 or > 23 || cell[10] != (byte)_format[10]) { problem = $"not a time in the format {_format}"; return null; }
            for (var i = 13; i < cell.Length; i++)
                if (cell[i] != (byte)(_format[i] == ':' ? ':' : '0')) { problem = "not a whole hour (minutes and seconds must be 00)"; return null; }
            return _dayBase + h;
        }
        Span<char> chars = stackalloc char[Math.Min(cell.Length, 64)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)cell[i];
        if (cell.Length <= 64 && HasOwnZone(chars) &&
            DateTimeOffset.TryParseExact(chars, IsoWithZone, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            return UtcHour(iso.UtcDateTime, out problem);
        if (cell.Length > 64 || !DateTime.TryParseExact(chars, _format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            problem = $"not a time in the format {_format} (nor ISO 8601 with Z or an offset)";
            return null;
        }
        if (t.Year is < 1971 or > 2100) { problem = $"in the year {t.Year}; expected a year 1971..2100 (a wrong --time-format?)"; return null; }
        if (_iana is null)
        {
            if (t.Minute != 0 || t.Second != 0 || t.Millisecond != 0) { problem = "not a whole hour"; return null; }
            return HourAxis.FromLocal(t.Year, t.Month, t.Day, t.Hour, _offset);
        }
        // Summer time: the hour skipped in spring does not exist; in autumn the repeated hour is read as standard time.
        if (_iana.IsInvalidTime(t)) { problem = $"does not exist in {_iana.Id} (the hour skipped when summer time starts)"; return null; }
        return UtcHour(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), _iana), out problem);
    }

    /// <summary>Ends with Z, or with an offset ±hh:mm after the time.</summary>
    private static bool HasOwnZone(ReadOnlySpan<char> s) =>
        s.Length >= 17 && (s[^1] is 'Z' or 'z' || (s[^3] == ':' && s[^6] is '+' or '-'));

    private static int? UtcHour(DateTime utc, out string? problem)
    {
        problem = null;
        if (utc.Minute != 0 || utc.Second != 0 || utc.Millisecond != 0) { problem = "not a whole hour in UTC"; return null; }
        if (utc.Year is < 1971 or > 2100) { problem = $"in the year {utc.Year}; expected a year 1971..2100"; return null; }
        return HourAxis.ToHour(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
