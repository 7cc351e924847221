using System.Diagnostics;
using AqNet.Core.Import;
using AqNet.Core.Quality;
using AqNet.Core.Store;

namespace AqNet.Torch.Jobs.Ingest;

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
        var warm = Task.Run(AqStore.WarmUp, ct);
        var batch = ImportRun.Read(format, paths, options, policy, progress, ct);
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

    /// <inheritdoc cref="ImportRun.Check"/>
    public static IReadOnlyList<FileProblem> Check(string format, IReadOnlyList<string> paths, ImportOptions options,
        IProgress<string>? progress, CancellationToken ct) => ImportRun.Check(format, paths, options, progress, ct);
}
