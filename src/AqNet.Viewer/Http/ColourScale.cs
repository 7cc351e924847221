namespace AqNet.Viewer.Http;

/// <summary>A linear colour ramp from Min to Max through evenly spaced stops (ColorBrewer RdYlBu reversed); values
/// outside are clamped. The page interpolates the same way, so a test can compute the colour a value is drawn with.</summary>
public sealed record ColourScale(double Min, double Max, IReadOnlyList<string> Stops)
{
    public static readonly IReadOnlyList<string> DefaultStops =
        ["#313695", "#4575b4", "#74add1", "#abd9e9", "#fee090", "#fdae61", "#f46d43", "#d73027", "#a50026"];

    public (int R, int G, int B) Colour(double value)
    {
        var x = Math.Clamp((value - Min) / (Max - Min), 0, 1) * (Stops.Count - 1);
        var k = Math.Min((int)Math.Floor(x), Stops.Count - 2);
        var f = x - k;
        var (a, b) = (Rgb(Stops[k]), Rgb(Stops[k + 1]));
        static int Mix(int p, int q, double f) => (int)Math.Floor(p + (q - p) * f + 0.5);
        return (Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    /// <summary>A scale from 0 to the 99th percentile of the sample, rounded up to a multiple of <paramref name="step"/>.</summary>
    public static ColourScale FromSample(IEnumerable<float> sample, double step)
    {
        var values = sample.Where(v => !float.IsNaN(v)).Order().ToArray();
        var p99 = values.Length == 0 ? step : values[(int)Math.Floor(0.99 * (values.Length - 1))];
        return new ColourScale(0, Math.Max(step, Math.Ceiling(p99 / step) * step), DefaultStops);
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
}
