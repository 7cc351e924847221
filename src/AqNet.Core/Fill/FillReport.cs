using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Grid;

namespace AqNet.Core.Fill;

/// <summary>The markdown summary beside a filled record: per station how much was observed, filled and QC-flagged,
/// and per local year the annual mean of daily means and the days above the WHO 2021 and GB 3095-2012 limits.</summary>
public static class FillReport
{
    public static string Markdown(FilledRecord r, int? utcOffsetHours, string name)
    {
        var offset = utcOffsetHours ?? 0;
        var zone = OutputSteps.ZoneLabel(offset);
        var days = OutputSteps.LocalDays(r.StartUtc, r.Hours, offset, PartialDays.Drop);
        var sb = new StringBuilder();
        sb.AppendLine($"# Gap-filled PM2.5: {name}").AppendLine();
        sb.AppendLine(Fmt.Inv, $"- {r.S} stations × {r.Hours} hours, {Fmt.Utc(r.StartUtc)} .. {Fmt.Utc(r.TimeAt(r.Hours - 1))} (UTC, hours labelled by their end).");
        sb.AppendLine($"- Method: {r.Method}.");
        sb.AppendLine($"- Intervals: central {Fmt.D(100 * r.NominalCoverage)}%" +
                      (r.MeasuredCoverage is { } c ? $"; they held {Fmt.F(100 * c, 1)}% of held-out values." : "; coverage not measured."));
        sb.AppendLine($"- Daily means over local days ({zone}{(utcOffsetHours is null ? ", the stations do not share one time zone" : "")}; the hours labelled 01:00 … 24:00), " +
                      $"at least {AirQualityLimits.MinHoursPerDay} hours; complete local days only ({days.Count} in the period).");
        sb.AppendLine("- A day counts when its mean is above the limit: WHO 2021 guideline 15 µg/m³, GB 3095-2012 grade II 75 µg/m³ (24-hour).").AppendLine();

        sb.AppendLine("## Per station").AppendLine();
        sb.AppendLine("| station | hours | observed | filled | observed, QC-flagged | left missing |");
        sb.AppendLine("|---|---|---|---|---|---|");
        for (var s = 0; s < r.S; s++)
        {
            long Count(FillFlag f) => Enumerable.Range(0, r.Hours).LongCount(t => r.Flag[r.Index(t, s)] == f);
            var missing = Enumerable.Range(0, r.Hours).LongCount(t => float.IsNaN(r.Value[r.Index(t, s)]));
            sb.AppendLine(Fmt.Inv, $"| {r.Stations[s].Id} | {r.Hours} | {Count(FillFlag.Observed)} | {Count(FillFlag.Filled)} | {Count(FillFlag.ObservedFlagged)} | {missing} |");
        }

        var limits = AirQualityLimits.Daily;
        sb.AppendLine().AppendLine("## Per station and local year").AppendLine();
        sb.AppendLine("| station | year | valid days | annual mean µg/m³ | " + string.Join(" | ", limits.Select(l => $"days > {Fmt.D(l.Value)} ({l.ShortName})")) + " |");
        sb.AppendLine("|---|---|---|---|" + string.Concat(limits.Select(_ => "---|")));
        var rows = new List<(int Year, AnnualSummary Summary)>();
        var acc = new AnnualAccumulator(r.S);
        var mean = new float[r.S];
        foreach (var year in days.GroupBy(d => d.LocalDate!.Value.Year))
        {
            foreach (var d in year)
            {
                AnnualAccumulator.DailyMean(r.Value.AsSpan(d.FirstHour * r.S, 24 * r.S), 24, AirQualityLimits.MinHoursPerDay, mean);
                acc.AddDay(mean);
            }
            rows.Add((year.Key, acc.Take(year.Key)));
        }
        for (var s = 0; s < r.S; s++)
            foreach (var (year, a) in rows)
            {
                var above = string.Join(" | ", a.DaysAbove.Select(x => x[s].ToString(Fmt.Inv)));
                sb.AppendLine(Fmt.Inv, $"| {r.Stations[s].Id} | {year} | {a.Days[s]} | {(float.IsNaN(a.Mean[s]) ? "-" : Fmt.F(a.Mean[s], 1))} | {above} |");
            }
        if (rows.Count == 0) sb.AppendLine("| - | - | 0 | the period holds no complete local day | " + string.Join(" | ", limits.Select(_ => "-")) + " |");
        return sb.ToString();
    }
}
