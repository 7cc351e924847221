using System.Globalization;
using System.Text;

namespace AqNet.Core.Import;

/// <summary>Parses decimal numbers from ASCII bytes. Simple decimals ("-12.5", "0.4", "116") take a fast path:
/// up to 15 digits accumulate exactly in a long and one division by an exact power of ten gives the correctly
/// rounded double. Anything else (exponents, more digits) falls back to double.TryParse with invariant culture.</summary>
internal static class FastNumber
{
    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>True for a finite number; false for anything else (including "NaN", "Infinity", blanks).</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+')) { negative = s[0] == (byte)'-'; i = 1; }
        long mantissa = 0;
        int digits = 0, decimals = 0;
        var dot = false;
        for (; i < s.Length; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d <= 9)
            {
                if (++digits > 15) return Slow(s, out value);
                mantissa = mantissa * 10 + d;
                if (dot) decimals++;
            }
            else if (s[i] == (byte)'.' && !dot) dot = true;
            else return Slow(s, out value);
        }
        if (digits == 0) { value = 0; return false; }
        value = decimals == 0 ? mantissa : mantissa / Pow10[decimals];
        if (negative) value = -value;
        return true;
    }

    private static bool Slow(ReadOnlySpan<byte> s, out double value)
    {
        if (s.Length > 64) { value = 0; return false; }
        Span<char> chars = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++) chars[i] = (char)s[i]; // non-ASCII bytes cannot form a number anyway
        return double.TryParse(chars, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>A non-negative integer of at most 9 ASCII digits, or -1.</summary>
    public static int ParseInt(ReadOnlySpan<byte> s)
    {
        if (s.Length is 0 or > 9) return -1;
        var v = 0;
        foreach (var b in s)
        {
            var d = (uint)(b - '0');
            if (d > 9) return -1;
            v = v * 10 + (int)d;
        }
        return v;
    }

    /// <summary>Bytes as text for an error message (cut to 40 characters).</summary>
    public static string Show(ReadOnlySpan<byte> s)
    {
        var t = Encoding.UTF8.GetString(s.Length > 40 ? s[..40] : s);
        return s.Length > 40 ? t + "…" : t;
    }
}
