namespace AqNet.Core.Data;

/// <summary>Checks that an output folder can be written before a long job starts, so a read-only or mistyped folder
/// is reported at once rather than after the work (and after other outputs were written).</summary>
public static class OutputFolder
{
    /// <param name="create">Create the folder when absent (an output folder of its own, such as --png).</param>
    public static void CheckWritable(string dir, string option, bool create = false)
    {
        if (File.Exists(dir)) throw new InputException($"{option} '{dir}' is a file; expected a folder");
        var probe = Path.Combine(dir, ".aqnet-write-check-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            if (create) Directory.CreateDirectory(dir);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{option} '{dir}': cannot write there ({e.Message}); expected a writable folder", e);
        }
    }
}
