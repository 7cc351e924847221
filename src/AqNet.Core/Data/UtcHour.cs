namespace AqNet.Core.Data;

/// <summary>Reads a whole UTC hour given on the command line.</summary>
public static class UtcHour
{
    /// <summary>Accepts yyyy-MM-dd (midnight) or yyyy-MM-ddTHH[:mm][Z], read as UTC.</summary>
    public static DateTime Parse(string text, string option)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm'Z'"];
        if (!DateTime.TryParseExact(text.Trim(), formats, Fmt.Inv, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            throw new InputException($"{option} '{text}': expected a UTC time like 2016-12-01 or 2016-12-01T06:00");
        if (t.Minute != 0 || t.Second != 0) throw new InputException($"{option} '{text}': expected a whole hour");
        return DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }
}
