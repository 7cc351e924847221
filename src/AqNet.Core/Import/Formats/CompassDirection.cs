namespace AqNet.Core.Import;

/// <summary>16-point compass words → degrees clockwise from north (direction the wind comes from).</summary>
internal static class CompassDirection
{
    private static readonly string[] Points = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"];

    /// <summary>Degrees (N = 0, NNE = 22.5, ..., NNW = 337.5), or NaN for an unknown word.</summary>
    public static float Degrees(ReadOnlySpan<byte> word)
    {
        for (var i = 0; i < Points.Length; i++)
            if (Matches(word, Points[i])) return i * 22.5f;
        return float.NaN;
    }

    private static bool Matches(ReadOnlySpan<byte> word, string point)
    {
        if (word.Length != point.Length) return false;
        for (var i = 0; i < word.Length; i++)
            if ((word[i] | 0x20) != (point[i] | 0x20)) return false; // ASCII case-insensitive
        return true;
    }
}
