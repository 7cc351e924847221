using System.Diagnostics;
using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Quality;

namespace AqNet.Core.Store;

/// <summary>`aqnet ingest`: read and check every input in memory, then write the store in one transaction, marking
/// QC flags station by station on worker threads just before each station is written. Any bad input fails before
/// the store is opened, so the store stays byte-identical.</summary>
public static class IngestJob
{
    /// <param name="policy">Stop at the first bad file, or (<see cref="BadFilePolicy.Skip"/>) ingest the others and
    /// name the skipped files in the summary and the ingest log. <see cref="BadFilePolicy.Check"/> belongs to <see cref="Check"/>.</param>
    public static IngestSummary Run(string format, IReadOnlyList<string> paths, ImportOptions options, string storePath,
        IProgress<string>? progress, CancellationToken ct, BadFilePolicy policy = BadFilePolicy.Stop)
    {
        if (policy == BadFilePolicy.Check) throw new ArgumentException("use IngestJob.Check", nameof(policy));
        var clock = Stopwatch.StartNew();
        var fileProgress = FileProgress(progress);
        var warm = Task.Run(AqStore.WarmUp, ct);
        var batch = policy == BadFilePolicy.Skip
            ? ReadSkippingBadFiles(format, paths, options, fileProgress, ct)
            : Importers.Read(format, paths, options, fileProgress, ct);
        var readSeconds = clock.Elapsed.TotalSeconds;
        ct.ThrowIfCancellationRequested();
        warm.Wait(ct);
        var qc = new QcOptions();
        var existed = File.Exists(storePath);
        var store = AqStore.OpenWrite(storePath);
        try
        {
            StoreWriter.Ingest(store, batch, progress, station => QualityControl.ApplyStation(station, qc));
            store.Dispose();
        }
        catch
        {
            store.Dispose();
            // A store this ingest created holds nothing else: remove it rather than leave an empty one behind.
            if (!existed) { File.Delete(storePath); File.Delete(storePath + ".wal"); }
            throw;
        }
        return IngestSummary.From(batch, readSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reads every input and lists every file's problem (a file's first one) without opening a store; a
    /// problem outside any one file (a missing stations file, no input at all) ends the list.</summary>
    public static IReadOnlyList<FileProblem> Check(string format, IReadOnlyList<string> paths, ImportOptions options,
        IProgress<string>? progress, CancellationToken ct)
    {
        using (BadFiles.Collect(out var bad))
        {
            try { Importers.Read(format, paths, options, FileProgress(progress), ct); }
            catch (InputException e) { bad.Problems.Add(new FileProblem("", e.Message)); }
            return bad.Problems;
        }
    }

    /// <summary>A first pass collects the bad files; when there are any, a second pass reads the others only, so no
    /// half-read file reaches the batch.</summary>
    private static ImportBatch ReadSkippingBadFiles(string format, IReadOnlyList<string> paths, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        List<FileProblem> skipped;
        ImportBatch batch;
        using (BadFiles.Collect(out var bad))
        {
            batch = Importers.Read(format, paths, options, progress, ct);
            skipped = [.. bad.Problems];
        }
        if (skipped.Count == 0) return batch;
        using (BadFiles.Collect(out var again, skipped.Select(p => p.File)))
        {
            batch = Importers.Read(format, paths, options, progress, ct);
            if (again.Problems.Count > 0) throw new InputException(again.Problems[0].Message);
        }
        batch.Notes.InsertRange(0, skipped.Select(p => $"skipped {p.File}: {WithoutFile(p)}"));
        return batch;
    }

    /// <summary>The message without the file name it starts with (the note names the file already).</summary>
    private static string WithoutFile(FileProblem p) =>
        p.Message.StartsWith(p.File, StringComparison.Ordinal) ? p.Message[p.File.Length..].TrimStart(',', ':', ' ') : p.Message;

    private static IProgress<ImportProgress>? FileProgress(IProgress<string>? progress) => progress is null ? null : new SyncProgress(
        new Progress<ImportProgress>(p => progress.Report(string.Create(Fmt.Inv, $"read {p.FilesDone}/{p.FilesTotal} files, {p.Rows:N0} rows{(p.File is null ? "" : " (" + p.File + ")")}"))));

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this reports synchronously so lines come out in order.</summary>
    private sealed class SyncProgress(Progress<ImportProgress> inner) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => ((IProgress<ImportProgress>)inner).Report(value);
    }
}

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
