namespace AqNet.Core.Data;

/// <summary>A file being written to <see cref="TempPath"/> beside <see cref="TargetPath"/> (from
/// <see cref="AtomicFile.Begin"/>): <see cref="Commit"/> flushes it to disk and renames it into place; disposing it
/// uncommitted removes the temporary, leaving the target as it was.</summary>
public sealed class PendingFile : IDisposable
{
    private bool _done;

    internal PendingFile(string targetPath, string tempPath) => (TargetPath, TempPath) = (targetPath, tempPath);

    /// <summary>The full path of the file being replaced or created.</summary>
    public string TargetPath { get; }

    /// <summary>Where the new content is written until <see cref="Commit"/>.</summary>
    public string TempPath { get; }

    /// <summary>Flushes the temporary to disk (unless the writer did: <paramref name="flushed"/>) and renames it over the
    /// target. With <paramref name="overwrite"/> false an existing target is kept and false returned.</summary>
    public bool Commit(bool flushed = false, bool overwrite = true)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (!flushed)
            using (var fs = new FileStream(TempPath, FileMode.Open, FileAccess.Write, FileShare.None))
                fs.Flush(flushToDisk: true);
        try
        {
            File.Move(TempPath, TargetPath, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(TargetPath))
        {
            return false;   // another writer won; Dispose removes our temporary
        }
        _done = true;
        return true;
    }

    /// <summary>Removes the temporary unless it was committed (best effort: never masks the failure that got here).</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try { File.Delete(TempPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
