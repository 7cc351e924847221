using AqNet.Core.Data;
using AqNet.Core.Impute;

namespace AqNet.Core.Tests.Impute;

/// <summary>Tiny panels for the imputation tests: stations on a line of longitudes at 40°N, hourly PM2.5.</summary>
internal static class ImputeFixtures
{
    public static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A panel from rows of values per hour (NaN = not observed), stations at 116.0, 116.1, … °E.</summary>
    public static Panel Panel(float[][] rows)
    {
        var s = rows[0].Length;
        var stations = Enumerable.Range(0, s).Select(i => new Station($"S{i}", $"S{i}", 116.0 + 0.1 * i, 40.0)).ToArray();
        var p = new Panel(Start, rows.Length, stations, [Variables.Pm25]);
        for (var t = 0; t < rows.Length; t++)
            for (var i = 0; i < s; i++) p.Set(t, i, 0, rows[t][i]);
        return p;
    }

    /// <summary>A smooth synthetic network: a daily cycle shared by all stations plus a station offset, every cell observed.</summary>
    public static Panel Synthetic(int hours, int stations, int seed = 1)
    {
        var rng = new Random(seed);
        var rows = Enumerable.Range(0, hours).Select(t => Enumerable.Range(0, stations)
            .Select(s => (float)(50 + 20 * Math.Sin(2 * Math.PI * t / 24) + 5 * s + rng.NextDouble())).ToArray()).ToArray();
        return Panel(rows);
    }

    /// <summary>One fold reading every observed cell but <paramref name="eval"/>, all hours training but the last quarter (test).</summary>
    public static (ImputeTask Task, ImputeFold Fold) Task(Panel panel, bool[] eval)
    {
        var (T, S) = (panel.Hours, panel.S);
        var roles = Enumerable.Range(0, T).Select(t => t >= T * 3 / 4 ? HourRole.Test : HourRole.Train).ToArray();
        var input = new bool[T * S];
        for (var i = 0; i < input.Length; i++) input[i] = panel.Mask[i] && !eval[i];
        var fold = new ImputeFold("fixture", input, new HiddenPoints(new bool[S], eval), []);
        return (new ImputeTask(panel, Variables.Pm25, 0, roles, [fold], new ImputeProtocolOptions()), fold);
    }
}
