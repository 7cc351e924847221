namespace AqNet.Core.Grid;

/// <summary>A 24-hour PM2.5 limit a daily mean is compared with (µg/m³); a day counts when its mean is above it.</summary>
public sealed record DailyLimit(string Name, string ShortName, string VariableName, double Value);

public static class AirQualityLimits
{
    public static readonly DailyLimit Who2021 = new("WHO 2021 air quality guideline, 24-hour PM2.5", "WHO 2021", "days_above_who_2021", 15);
    public static readonly DailyLimit Gb3095Grade2 = new("China GB 3095-2012 grade II, 24-hour PM2.5", "GB 3095 grade II", "days_above_gb3095_grade2", 75);
    public static IReadOnlyList<DailyLimit> Daily { get; } = [Who2021, Gb3095Grade2];

    /// <summary>GB 3095-2012's data-validity rule: a 24-hour mean needs at least 20 hourly values.</summary>
    public const int MinHoursPerDay = 20;
}

/// <summary>One local year of daily means per cell: the mean of the valid daily means, how many there were, and the
/// days above each of <see cref="AirQualityLimits.Daily"/>. Mean is NaN where no day was valid.</summary>
public sealed record AnnualSummary(int Year, float[] Mean, short[] Days, short[][] DaysAbove);

/// <summary>Adds daily means (NaN = no valid mean) cell by cell, for one year at a time.</summary>
public sealed class AnnualAccumulator(int cells)
{
    private readonly double[] _sum = new double[cells];
    private readonly short[] _days = new short[cells];
    private readonly short[][] _above = [.. AirQualityLimits.Daily.Select(_ => new short[cells])];

    public int Cells => cells;

    public void AddDay(ReadOnlySpan<float> dailyMean)
    {
        if (dailyMean.Length != cells) throw new ArgumentException($"expected {cells} daily means, got {dailyMean.Length}", nameof(dailyMean));
        for (var p = 0; p < cells; p++)
        {
            var v = dailyMean[p];
            if (float.IsNaN(v)) continue;
            _sum[p] += v;
            _days[p]++;
            for (var l = 0; l < _above.Length; l++)
                if (v > AirQualityLimits.Daily[l].Value) _above[l][p]++;
        }
    }

    /// <summary>The year so far, then starts afresh.</summary>
    public AnnualSummary Take(int year)
    {
        var mean = new float[cells];
        for (var p = 0; p < cells; p++) mean[p] = _days[p] == 0 ? float.NaN : (float)(_sum[p] / _days[p]);
        var s = new AnnualSummary(year, mean, (short[])_days.Clone(), [.. _above.Select(a => (short[])a.Clone())]);
        Array.Clear(_sum);
        Array.Clear(_days);
        foreach (var a in _above) Array.Clear(a);
        return s;
    }

    /// <summary>Mean over the hours [0, hours) of values[h · cells + p] per cell, NaN where fewer than minHours are finite.</summary>
    public static void DailyMean(ReadOnlySpan<float> values, int hours, int minHours, Span<float> result)
    {
        var n = result.Length;
        for (var p = 0; p < n; p++)
        {
            double sum = 0;
            var count = 0;
            for (var h = 0; h < hours; h++)
            {
                var v = values[h * n + p];
                if (float.IsNaN(v)) continue;
                sum += v;
                count++;
            }
            result[p] = count >= minHours && count > 0 ? (float)(sum / count) : float.NaN;
        }
    }
}
