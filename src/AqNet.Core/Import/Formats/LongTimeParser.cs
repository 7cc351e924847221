using System.Globalization;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Parses a long table's time cell into an absolute hour. Formats of the shape yyyy-MM-dd[ T]HH[:mm[:ss]]
/// take a byte-level fast path with the day cached (rows are usually sorted by time); any other .NET custom
/// format goes through DateTime.TryParseExact (invariant culture). Minutes and seconds must be zero.</summary>
internal sealed class LongTimeParser
{
    private readonly string _format;
    private readonly int _offset;
    private readonly bool _fast;
    private readonly byte[] _lastDay = new byte[10];
    private int _dayBase = int.MinValue;

    public LongTimeParser(string format, int utcOffsetHours)
    {
        _format = format;
        _offset = utcOffsetHours;
        _fast = format is "yyyy-MM-dd HH:mm" or "yyyy-MM-ddTHH:mm" or "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-ddTHH:mm:ss" or "yyyy-MM-dd HH";
    }

    /// <summary>"UTC" (or "Z", "GMT") → 0; "+8", "-5", "UTC+8", "UTC-05:00" → whole hours.</summary>
    public static int ParseZone(string zone)
    {
        var z = zone.Trim();
        if (z is "UTC" or "utc" or "Z" or "GMT") return 0;
        if (z.StartsWith("UTC", StringComparison.OrdinalIgnoreCase)) z = z[3..];
        if (z.EndsWith(":00", StringComparison.Ordinal)) z = z[..^3];
        if (int.TryParse(z, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var h) && h is >= -14 and <= 14) return h;
        throw new InputException($"time zone '{zone}' is not understood; expected UTC or a whole-hour offset such as +8, -5 or UTC+8");
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
        if (cell.Length > 64 || !DateTime.TryParseExact(chars, _format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            problem = $"not a time in the format {_format}";
            return null;
        }
        if (t.Minute != 0 || t.Second != 0 || t.Millisecond != 0) { problem = "not a whole hour"; return null; }
        if (t.Year is < 1971 or > 2100) { problem = $"in the year {t.Year}; expected a year 1971..2100 (a wrong --time-format?)"; return null; }
        return HourAxis.FromLocal(t.Year, t.Month, t.Day, t.Hour, _offset);
    }
}
