using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Parses files on worker threads and merges their results on the calling thread in input order, so
/// results and the first reported error are the same whatever the thread timing. At most a few parsed files wait
/// for merging at any time (bounded memory). Merging is single-threaded, so SeriesBuilders need no locks. While
/// <see cref="BadFiles"/> collects, a file's problem is recorded and the next file read.</summary>
internal static class FileRunner
{
    public static void Run<T>(IReadOnlyList<InputEntry> entries, int parallelism, Func<InputEntry, EntryOpener, T> parse,
        Action<InputEntry, T> merge, CancellationToken ct) where T : class
    {
        var bad = BadFiles.Current;
        if (bad is not null)
        {
            entries = entries.Where(e => !bad.Excluded.Contains(e.Display)).ToArray();
            if (entries.Count == 0) return;
            var inner = merge;
            merge = (e, r) =>
            {
                try { inner(e, r); }
                catch (InputException ex) { bad.Add(e, ex); }
            };
        }
        var workers = Math.Clamp(parallelism, 1, entries.Count);
        if (workers == 1)
        {
            using var opener = new EntryOpener();
            foreach (var e in entries)
            {
                ct.ThrowIfCancellationRequested();
                T parsed;
                try { parsed = Guarded(parse, e, opener); }
                catch (InputException ex) when (bad is not null) { bad.Add(e, ex); continue; }
                merge(e, parsed);
            }
            return;
        }

        var slots = new TaskCompletionSource<T>[entries.Count];
        for (var i = 0; i < slots.Length; i++) slots[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var throttle = new SemaphoreSlim(2 * workers + 1); // parsed-but-unmerged files + files in progress
        var next = -1;
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++)
            tasks[w] = Task.Factory.StartNew(() =>
            {
                using var opener = new EntryOpener();
                try
                {
                    while (true)
                    {
                        throttle.Wait(cts.Token);
                        var i = Interlocked.Increment(ref next);
                        if (i >= entries.Count) return;
                        try { slots[i].SetResult(Guarded(parse, entries[i], opener)); }
                        catch (Exception ex) { slots[i].SetException(ex); }
                    }
                }
                catch (OperationCanceledException) { }
            }, cts.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                try { slots[i].Task.Wait(ct); }
                catch (AggregateException) when (bad is not null && Unwrap(slots[i].Task.Exception!) is InputException ex)
                {
                    bad.Add(entries[i], ex);
                    slots[i] = null!;
                    throttle.Release();
                    continue;
                }
                var result = slots[i].Task.IsFaulted ? throw Unwrap(slots[i].Task.Exception!) : slots[i].Task.Result;
                slots[i] = null!; // let the parsed file be collected
                merge(entries[i], result);
                throttle.Release();
            }
        }
        catch (AggregateException ex) { throw Unwrap(ex); }
        finally
        {
            cts.Cancel();
            try { Task.WaitAll(tasks); } catch (AggregateException) { } // workers only end by finishing or cancelling
        }
    }

    /// <summary>Runs a parse, turning low-level read failures (corrupt deflate data, I/O errors) into messages naming the file.</summary>
    private static T Guarded<T>(Func<InputEntry, EntryOpener, T> parse, InputEntry e, EntryOpener opener)
    {
        try { return parse(e, opener); }
        catch (InvalidDataException ex) { throw new InputException($"{e.Display}: cannot read the file ({ex.Message}); the archive or .gz is corrupt or truncated", ex); }
        catch (LineTooLongException ex) { throw new InputException($"{e.Display}: {ex.Message}", ex); }
        catch (IOException ex) { throw new InputException($"{e.Display}: cannot read the file ({ex.Message})", ex); }
    }

    private static Exception Unwrap(AggregateException ex) => ex.InnerExceptions.Count == 1 ? ex.InnerExceptions[0] : ex;
}
