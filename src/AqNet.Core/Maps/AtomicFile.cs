using AqNet.Core.Data;

namespace AqNet.Core.Maps;

/// <summary>Writes a whole file or nothing: bytes go to a temp file beside the target, then a rename replaces it.</summary>
internal static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes, string what)
    {
        var full = Path.GetFullPath(path);
        var tmp = $"{full}.tmp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        StaleTemporaries.Remove(full);   // left by a run killed before its rename
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new InputException($"cannot write {what} {full}: {e.Message}", e);
        }
    }
}
