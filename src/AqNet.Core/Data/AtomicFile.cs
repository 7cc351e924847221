using System.Text;

namespace AqNet.Core.Data;

/// <summary>AqNet's one way to write a file: readers see the old complete file or the new complete one, never a
/// torn write. The bytes go to a temporary beside the target ("NAME.tmp-PID-HEX", which <see cref="StaleTemporaries"/>
/// removes when a killed run leaves it), are flushed to disk (fsync), then a rename puts them in place.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Starts writing <paramref name="path"/>: creates its folder, removes stale temporaries of it and returns
    /// the temporary to write, which <see cref="PendingFile.Commit"/> puts in place (Dispose without it removes it).</summary>
    public static PendingFile Begin(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        StaleTemporaries.Remove(full);   // left by a run killed before its rename
        return new PendingFile(full, TempPathFor(full));
    }

    /// <summary>The temporary name for <paramref name="fullPath"/>: the process id lets a later run tell a stale one.</summary>
    public static string TempPathFor(string fullPath) =>
        $"{fullPath}.tmp-{Environment.ProcessId.ToString(Fmt.Inv)}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Writes the file through a stream. With <paramref name="what"/> (e.g. "report"), an I/O failure is an
    /// <see cref="InputException"/> "cannot write WHAT PATH: reason"; without, the I/O exception propagates.</summary>
    public static void Write(string path, Action<Stream> write, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        Named(path, what, () =>
        {
            using var pending = Begin(path);
            using (var fs = new FileStream(pending.TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            pending.Commit(flushed: true);
        });
    }

    /// <summary>Writes bytes; an I/O failure is an <see cref="InputException"/> naming <paramref name="what"/> and the path.</summary>
    public static void WriteAllBytes(string path, byte[] bytes, string what) => Write(path, s => s.Write(bytes), what);

    /// <summary>Writes text as UTF-8 without a byte-order mark; failures as in <see cref="WriteAllBytes"/>.</summary>
    public static void WriteAllText(string path, string text, string what) => WriteAllBytes(path, Utf8.GetBytes(text), what);

    /// <summary>For writers that take a path (DuckDB's COPY, a zip entry, a download): <paramref name="write"/> creates
    /// the file at the temporary path it is given; it is then flushed to disk and renamed into place. On failure the
    /// temporary is removed and the exception propagates.</summary>
    public static T WriteVia<T>(string path, Func<string, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var pending = Begin(path);
        var result = write(pending.TempPath);
        pending.Commit();
        return result;
    }

    /// <inheritdoc cref="WriteVia{T}"/>
    public static void WriteVia(string path, Action<string> write) => WriteVia(path, tmp => { write(tmp); return 0; });

    /// <summary>Writes the file only if it does not exist yet (the first writer wins); true when this call wrote it.</summary>
    public static bool WriteIfAbsent(string path, byte[] bytes)
    {
        using var pending = Begin(path);
        if (File.Exists(pending.TargetPath)) return false;
        using (var fs = new FileStream(pending.TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            fs.Write(bytes);
            fs.Flush(flushToDisk: true);
        }
        return pending.Commit(flushed: true, overwrite: false);
    }

    /// <summary>Writes an output that is a folder (a saved model): <paramref name="write"/> fills a temporary folder beside
    /// <paramref name="targetDir"/> (the path it is given), every file in it is flushed to disk, then
    /// <see cref="ReplaceDirectory"/> puts it in place. On failure the temporary is removed, the old folder stays and
    /// the exception propagates. A run killed between ReplaceDirectory's two renames leaves the old folder as
    /// "NAME.old-PID-HEX", which <see cref="StaleTemporaries"/> moves back.</summary>
    public static void WriteDirectory(string targetDir, Action<string> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDir);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(targetDir);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        StaleTemporaries.Remove(full);
        var tmp = TempPathFor(full);
        try
        {
            Directory.CreateDirectory(tmp);
            write(tmp);
            foreach (var f in Directory.EnumerateFiles(tmp, "*", SearchOption.AllDirectories))
                using (var fs = new FileStream(f, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) fs.Flush(flushToDisk: true);
            ReplaceDirectory(tmp, full);
        }
        catch
        {
            try { if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true); } catch (IOException) { /* best effort: never mask the failure */ }
            throw;
        }
    }

    /// <summary>For outputs that are folders (a Zarr store): moves the finished folder <paramref name="tempDir"/>
    /// (named by <see cref="TempPathFor"/>) to <paramref name="targetDir"/>; an existing folder there is moved aside
    /// ("NAME.old-PID-HEX") first and removed after, so the path holds the old or the new folder.</summary>
    public static void ReplaceDirectory(string tempDir, string targetDir)
    {
        var old = $"{targetDir}.old-{Environment.ProcessId.ToString(Fmt.Inv)}-{Guid.NewGuid().ToString("N")[..8]}";
        var replacing = Directory.Exists(targetDir);
        if (replacing) Directory.Move(targetDir, old);
        Directory.Move(tempDir, targetDir);
        if (replacing) Directory.Delete(old, recursive: true);
    }

    private static void Named(string path, string? what, Action write)
    {
        if (what is null)
        {
            write();
            return;
        }
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write {what} {Path.GetFullPath(path)}: {e.Message}", e);
        }
    }
}
