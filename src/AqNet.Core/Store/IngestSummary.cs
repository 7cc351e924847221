using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Store;

/// <summary>What an ingest read: stations, hours, values per variable, missing share and QC flags.</summary>
public sealed record IngestSummary(
    string Source, int Stations, int StationsWithoutCoordinates, int FirstHour, int LastHour,
    IReadOnlyList<(string Variable, long Observed, long Missing, long Flagged)> Variables,
    IReadOnlyList<string> Notes, double ReadSeconds, double TotalSeconds)
{
    public static IngestSummary From(ImportBatch batch, double readSeconds, double totalSeconds)
    {
        var spans = StoreWriter.StationSpans(batch);
        var series = batch.Series.Where(kv => !kv.Value.IsEmpty).ToArray();
        var counts = new (long Observed, long Flagged)[series.Length];
        Parallel.For(0, series.Length, k => counts[k] = series[k].Value.CountObservedAndFlagged());
        var perVar = new List<(string, long, long, long)>();
        foreach (var v in Data.Variables.All)
        {
            long observed = 0, missing = 0, flagged = 0;
            var any = false;
            for (var k = 0; k < series.Length; k++)
            {
                if (series[k].Key.Variable != v) continue;
                any = true;
                var span = spans[series[k].Key.Station];
                observed += counts[k].Observed;
                missing += span.Last - span.First + 1 - counts[k].Observed;
                flagged += counts[k].Flagged;
            }
            if (any) perVar.Add((v, observed, missing, flagged));
        }
        return new IngestSummary(batch.Source, batch.Stations.Count, batch.Stations.Count(s => !s.HasCoordinates),
            spans.Count == 0 ? 0 : spans.Values.Min(s => s.First), spans.Count == 0 ? 0 : spans.Values.Max(s => s.Last),
            perVar, batch.Notes, readSeconds, totalSeconds);
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"ingested {Source}: {Stations} stations ({Stations - StationsWithoutCoordinates} with coordinates, {StationsWithoutCoordinates} without)");
        if (LastHour >= FirstHour && Stations > 0)
            sb.AppendLine(Fmt.Inv, $"hours: {Fmt.Utc(HourAxis.ToUtc(FirstHour))} .. {Fmt.Utc(HourAxis.ToUtc(LastHour))} UTC ({LastHour - FirstHour + 1:N0} h)");
        sb.AppendLine(Fmt.Inv, $"{"variable",-8} {"values",12} {"missing",12} {"miss%",6} {"QC flags",9}");
        foreach (var (v, o, m, f) in Variables)
            sb.AppendLine(Fmt.Inv, $"{v,-8} {o,12:N0} {m,12:N0} {(o + m == 0 ? "-" : Fmt.F(100.0 * m / (o + m), 1)),6} {f,9:N0}");
        foreach (var n in Notes.Take(20)) sb.AppendLine("note: " + n);
        if (Notes.Count > 20) sb.AppendLine(Fmt.Inv, $"note: ... and {Notes.Count - 20} more");
        sb.AppendLine(Fmt.Inv, $"time: {Fmt.F(ReadSeconds, 2)} s reading, {Fmt.F(TotalSeconds, 2)} s in all");
        return sb.ToString();
    }
}
