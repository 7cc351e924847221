using AqNet.Core.Data;
using AqNet.Core.Windows;

namespace AqNet.Core.Tests.Windows;

/// <summary>Tiny synthetic panels and window sets for exact-number tests.</summary>
internal static class Fixtures
{
    /// <summary>Beijing local midnight 2013-03-01 00:00 = 2013-02-28T16:00Z.</summary>
    public static readonly DateTime LocalMidnightUtc = new(2013, 2, 28, 16, 0, 0, DateTimeKind.Utc);

    /// <summary>A panel of the six pollutants; value(t, s, v) NaN = missing.</summary>
    public static Panel Panel(int hours, int stations, Func<int, int, int, float> value, DateTime? start = null, IReadOnlyList<string>? variables = null)
    {
        var st = Enumerable.Range(0, stations).Select(i => new Station("S" + i, "Station " + i, 116 + i * 0.1, 40)).ToArray();
        var p = new Panel(start ?? LocalMidnightUtc, hours, st, variables ?? Variables.Pollutants) { UtcOffsetHours = 8 };
        for (var t = 0; t < hours; t++)
            for (var s = 0; s < stations; s++)
                for (var v = 0; v < p.V; v++) p.Set(t, s, v, value(t, s, v));
        return p;
    }

    /// <summary>A window set with W hours of two features (pol:PM2.5, mask:PM2.5) given per sample.</summary>
    public static WindowSet Pm25Set(float[][] pm, float[][] mask, int h)
    {
        var n = pm.Length; var w = pm[0].Length;
        var set = new WindowSet(n, w, 2, h, ["pol:PM2.5", "mask:PM2.5"]);
        for (var i = 0; i < n; i++)
            for (var t = 0; t < w; t++)
            {
                set.X[(i * w + t) * 2] = pm[i][t];
                set.X[(i * w + t) * 2 + 1] = mask[i][t];
            }
        return set;
    }

    public static WindowContext Context(int stepHours = 1, float mean = 0, float std = 1, int targetFeature = 0, int maskFeature = 1) => new()
    {
        PanelStartUtc = LocalMidnightUtc, UtcOffsetHours = 8, StepHours = stepHours, TargetMean = mean, TargetStd = std,
        TargetFeature = targetFeature, TargetMaskFeature = maskFeature,
    };
}
