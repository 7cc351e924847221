using AqNet.Core.Data;

namespace AqNet.Core.Quality;

/// <summary>What <see cref="QualityControl.Apply"/> flagged: counts per (station, variable) and in total.</summary>
public sealed class QcReport(IReadOnlyDictionary<(string Station, string Variable), QcCounts> perSeries)
{
    public IReadOnlyDictionary<(string Station, string Variable), QcCounts> PerSeries { get; } = perSeries;

    public QcCounts Total => PerSeries.Values.Aggregate(default(QcCounts), (a, b) => a + b);

    public QcCounts For(string station, string variable) => PerSeries.GetValueOrDefault((station, variable));

    /// <summary>Totals per variable, for a summary table.</summary>
    public IReadOnlyDictionary<string, QcCounts> PerVariable() => PerSeries
        .GroupBy(k => k.Key.Variable, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(default(QcCounts), (a, b) => a + b.Value), StringComparer.Ordinal);

    /// <summary>One line per variable: observed, then each flag's count and share.</summary>
    public IEnumerable<string> SummaryLines() => PerVariable().OrderBy(k => k.Key, StringComparer.Ordinal).Select(k =>
        $"{k.Key}: {k.Value.Observed} observed; out of bounds {k.Value.OutOfBounds}, spike {k.Value.Spike}, constant run {k.Value.ConstantRun}, " +
        $"PM2.5>PM10 {k.Value.Pm25AbovePm10}, reconciled {k.Value.Reconciled}; flagged {Fmt.F(100.0 * k.Value.AnyFlag / Math.Max(1, k.Value.Observed), 2)}%");
}
