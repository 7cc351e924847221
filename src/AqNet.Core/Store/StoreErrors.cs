using AqNet.Core.Data;
using DuckDB.NET.Data;

namespace AqNet.Core.Store;

/// <summary>DuckDB errors that are about the store file or the disk, not about AqNet: a truncated or damaged
/// file, a full disk, no permission. They become one message naming the store (exit 2) instead of an internal error.</summary>
public static class StoreErrors
{
    private static readonly string[] Damage =
    [
        "Corrupt database file", "Could not read enough bytes", "not a valid DuckDB database file", "database has been invalidated",
        "Serialization Error", "checksum", "block", "Failed to load metadata",
    ];

    private static readonly string[] Disk = ["No space left on device", "Disk quota exceeded", "Permission denied", "Read-only file system"];

    /// <summary>The InputException for a DuckDB error about the file or disk, or null for any other error.</summary>
    public static InputException? Describe(Exception e, string storePath)
    {
        if (e is not DuckDBException && e.InnerException is not DuckDBException) return null;
        var message = FirstLine(e.Message);
        if (message.Contains("Could not set lock on file", StringComparison.Ordinal))
        {
            var holder = System.Text.RegularExpressions.Regex.Match(message, @"held in (.+?) \(PID (\d+)\)");
            return new InputException($"store '{storePath}' is in use by another process" +
                                      (holder.Success ? $" ({holder.Groups[1].Value}, PID {holder.Groups[2].Value})" : "") +
                                      "; expected no other process using it: wait for that one to finish, then run the command again", e);
        }
        if (Disk.FirstOrDefault(d => message.Contains(d, StringComparison.OrdinalIgnoreCase)) is { } disk)
            return new InputException($"cannot write store '{storePath}': {disk.ToLowerInvariant()} ({message}); the store was left as it was", e);
        if (Damage.Any(d => message.Contains(d, StringComparison.OrdinalIgnoreCase)))
            return new InputException($"store '{storePath}' is damaged or truncated ({message}); expected an intact AqNet store: restore it from a copy or ingest again into a new store", e);
        return null;
    }

    private static string FirstLine(string s)
    {
        var line = s.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
