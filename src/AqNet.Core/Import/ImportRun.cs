using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Reading the inputs of an ingest: every file (the first bad one stops it), every good one
/// (<see cref="BadFilePolicy.Skip"/>: the skipped files are named in the batch's notes), or only checking them all.
/// Progress comes as lines ("read 3/12 files, 1,234 rows (file)").</summary>
public static class ImportRun
{
    public static ImportBatch Read(string format, IReadOnlyList<string> paths, ImportOptions options, BadFilePolicy policy,
        IProgress<string>? progress, CancellationToken ct)
    {
        if (policy == BadFilePolicy.Check) throw new ArgumentException("use ImportRun.Check", nameof(policy));
        var fileProgress = FileProgress(progress);
        return policy == BadFilePolicy.Skip
            ? ReadSkippingBadFiles(format, paths, options, fileProgress, ct)
            : Importers.Read(format, paths, options, fileProgress, ct);
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
