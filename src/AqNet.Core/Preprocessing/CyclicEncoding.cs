using System.Globalization;
using System.Text.RegularExpressions;
using AqNet.Core.Data;

namespace AqNet.Core.Preprocessing;

/// <summary>Cyclic time encoding as in the paper: sin/cos of hour/24, day-of-week/7 and (month−1)/12.
/// Encoded in the station network's LOCAL wall-clock time (UTC + a fixed offset; +8 for Chinese data), because
/// the sources record local time and traffic / boundary-layer cycles follow local clocks. The hour of panel index
/// t is the label of the hour ending at t (UCI's "hour" column), i.e. local hour of StartUtc + t hours.</summary>
public static partial class CyclicEncoding
{
    /// <summary>Feature names, in the order <see cref="Encode"/> writes them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["cyc:hour_sin", "cyc:hour_cos", "cyc:dow_sin", "cyc:dow_cos", "cyc:month_sin", "cyc:month_cos"];


    public static DateTime Local(DateTime utc, int utcOffsetHours)
    {
        CheckOffset(utcOffsetHours);
        return utc.AddHours(utcOffsetHours);
    }

    /// <summary>Writes the 6 encodings of a UTC hour into dst[0..6).</summary>
    public static void Encode(DateTime utc, int utcOffsetHours, Span<float> dst)
    {
        if (dst.Length < Names.Count) throw new ArgumentException($"dst needs {Names.Count} floats, has {dst.Length}", nameof(dst));
        var l = Local(utc, utcOffsetHours);
        Pair(l.Hour / 24.0, dst[0..]);
        Pair((int)l.DayOfWeek / 7.0, dst[2..]); // Sunday = 0
        Pair((l.Month - 1) / 12.0, dst[4..]);
    }

    /// <summary>Parses an ImportBatch.SourceTimeZone such as "UTC+08:00 (Beijing)", "UTC-5" or "UTC" into whole hours.</summary>
    public static int ParseUtcOffset(string sourceTimeZone)
    {
        var m = OffsetRegex().Match(sourceTimeZone ?? "");
        if (!m.Success)
            throw new InputException($"cannot read a UTC offset from time zone '{sourceTimeZone}'; expected e.g. 'UTC', 'UTC+08:00' or 'UTC-5'");
        if (!m.Groups[2].Success) return 0;
        var h = int.Parse(m.Groups[3].Value, NumberStyles.None, Fmt.Inv);
        if (m.Groups[4].Success && m.Groups[4].Value != "00")
            throw new InputException($"time zone '{sourceTimeZone}' has a fractional-hour offset; only whole hours are supported");
        var off = m.Groups[2].Value == "-" ? -h : h;
        if (off < -12 || off > 14) throw new InputException($"time zone '{sourceTimeZone}' is outside UTC-12 .. UTC+14");
        return off;
    }

    /// <summary>A network's offset from its stations' time-zone labels: the offset most stations have (ties: the
    /// smaller), 0 when no label names one.</summary>
    public static int NetworkOffset(IEnumerable<string?> stationZones) =>
        stationZones.Select(TryParseUtcOffset).OfType<int>().GroupBy(h => h)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstOrDefault();

    /// <summary>Like <see cref="ParseUtcOffset"/>, and an IANA zone (Europe/Berlin) gives its standard offset; null
    /// for a label that names no offset (a fractional one, or text such as "per row (column tz)").</summary>
    public static int? TryParseUtcOffset(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone)) return null;
        if (timeZone.Contains('/', StringComparison.Ordinal) && !timeZone.StartsWith("UTC", StringComparison.Ordinal))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out var zone)) return null;
            var h = zone.BaseUtcOffset.TotalHours;
            return h == Math.Floor(h) && h is >= -12 and <= 14 ? (int)h : null;
        }
        try { return ParseUtcOffset(timeZone); }
        catch (InputException) { return null; }
    }

    private static void Pair(double fraction, Span<float> dst)
    {
        var a = 2 * Math.PI * fraction;
        dst[0] = (float)Math.Sin(a);
        dst[1] = (float)Math.Cos(a);
    }

    private static void CheckOffset(int h)
    {
        Guard.UtcOffset(h, nameof(h));
    }

    [GeneratedRegex(@"^\s*(UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetRegex();
}
