using System.Text;
using AqNet.Core.Data;

namespace AqNet.Core.Grid;

/// <summary>A station shown in the report: the grid cell that holds it.</summary>
public sealed record StationCell(string Id, bool UsedByModel, int Cell);

/// <summary>Gathers the per-cell annual summaries of all tiles into what the report prints: per year the grid's
/// spread of annual means and days above the limits, and the values in the cells that hold stations.</summary>
public sealed class SummaryReport(IReadOnlyList<StationCell> stations)
{
    private readonly SortedDictionary<int, YearRow> _years = [];
    private readonly List<(StationCell Station, int Year, int Days, float Mean, int[] Above)> _stations = [];

    public sealed class YearRow
    {
        public int Year { get; init; }
        public int CompleteDays { get; set; }
        public long Cells { get; set; }
        public double SumMean { get; set; }
        public double MinMean { get; set; } = double.PositiveInfinity;
        public double MaxMean { get; set; } = double.NegativeInfinity;
        public double[] SumAbove { get; } = new double[AirQualityLimits.Daily.Count];
        public int[] MaxAbove { get; } = new int[AirQualityLimits.Daily.Count];
    }

    public IReadOnlyCollection<YearRow> Years => _years.Values;

    /// <summary>Adds one tile's summary of a year; its cells are [firstCell, firstCell + s.Mean.Length) of the grid.</summary>
    public void Add(AnnualSummary s, int firstCell, int completeDays)
    {
        if (!_years.TryGetValue(s.Year, out var y)) _years[s.Year] = y = new YearRow { Year = s.Year };
        y.CompleteDays = completeDays;
        for (var p = 0; p < s.Mean.Length; p++)
        {
            if (float.IsNaN(s.Mean[p])) continue;
            y.Cells++;
            y.SumMean += s.Mean[p];
            y.MinMean = Math.Min(y.MinMean, s.Mean[p]);
            y.MaxMean = Math.Max(y.MaxMean, s.Mean[p]);
            for (var l = 0; l < y.SumAbove.Length; l++)
            {
                y.SumAbove[l] += s.DaysAbove[l][p];
                y.MaxAbove[l] = Math.Max(y.MaxAbove[l], s.DaysAbove[l][p]);
            }
        }
        foreach (var st in stations.Where(st => st.Cell >= firstCell && st.Cell < firstCell + s.Mean.Length))
        {
            var p = st.Cell - firstCell;
            _stations.Add((st, s.Year, s.Days[p], s.Mean[p], [.. s.DaysAbove.Select(a => (int)a[p])]));
        }
    }

    /// <summary>Writes the report atomically (temp file, then rename).</summary>
    public static void WriteFile(string path, string markdown) =>
        AtomicFile.WriteAllText(path, markdown, "summary report");

    /// <summary>The markdown report: heading and notes from the caller, then the per-year and per-station tables.</summary>
    public string Markdown(string title, IEnumerable<string> notes)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# " + title).AppendLine();
        foreach (var n in notes) sb.AppendLine("- " + n);
        sb.AppendLine();
        var limits = AirQualityLimits.Daily;
        var heads = string.Join(" | ", limits.Select(l => $"days > {Fmt.D(l.Value)} ({l.ShortName}): cell mean (max)"));
        sb.AppendLine("## Per local year, over the grid cells").AppendLine();
        sb.AppendLine($"| year | complete days | annual mean µg/m³: cell mean (min–max) | {heads} |");
        sb.AppendLine("|---|---|---|" + string.Concat(limits.Select(_ => "---|")));
        foreach (var y in _years.Values)
        {
            var mean = y.Cells == 0 ? "no valid day" : $"{Fmt.F(y.SumMean / y.Cells, 1)} ({Fmt.F(y.MinMean, 1)}–{Fmt.F(y.MaxMean, 1)})";
            var above = string.Join(" | ", limits.Select((_, l) => y.Cells == 0 ? "-" : $"{Fmt.F(y.SumAbove[l] / y.Cells, 1)} ({y.MaxAbove[l].ToString(Fmt.Inv)})"));
            sb.AppendLine(Fmt.Inv, $"| {y.Year} | {y.CompleteDays} | {mean} | {above} |");
        }
        if (_years.Count == 0) sb.AppendLine("| - | 0 | the period holds no complete local day | " + string.Join(" | ", limits.Select(_ => "-")) + " |");
        if (_stations.Count > 0)
        {
            sb.AppendLine().AppendLine("## In the cells holding stations").AppendLine();
            sb.AppendLine("| station | used by the model | year | valid days | annual mean µg/m³ | " + string.Join(" | ", limits.Select(l => $"days > {Fmt.D(l.Value)}")) + " |");
            sb.AppendLine("|---|---|---|---|---|" + string.Concat(limits.Select(_ => "---|")));
            foreach (var (st, year, days, mean, above) in _stations.OrderBy(x => x.Station.Id, StringComparer.Ordinal).ThenBy(x => x.Year))
                sb.AppendLine(Fmt.Inv, $"| {st.Id} | {(st.UsedByModel ? "yes" : "no (held out)")} | {year} | {days} | {(float.IsNaN(mean) ? "-" : Fmt.F(mean, 1))} | {string.Join(" | ", above)} |");
        }
        return sb.ToString();
    }
}
