using System.Globalization;

namespace AqNet.Core.Data;

/// <summary>Invariant-culture formatting and parsing helpers: never depend on the machine's locale.</summary>
public static class Fmt
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string D(double v, string format = "G") => v.ToString(format, Inv);

    public static string F(double v, int decimals) => v.ToString("F" + decimals.ToString(Inv), Inv);

    public static bool TryParseDouble(ReadOnlySpan<char> s, out double v) =>
        double.TryParse(s, NumberStyles.Float, Inv, out v);

    public static string Utc(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm'Z'", Inv);
}
