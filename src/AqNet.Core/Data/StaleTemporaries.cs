using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AqNet.Core.Data;

/// <summary>Removes what AqNet's atomic writers leave beside a target when a run is killed before its rename:
/// "NAME.tmp-PID-…", ".NAME.tmp-PID" and "NAME.tmp-HEX" files, and "NAME.tmp-PID-…" / "NAME.old-PID-…" folders; an
/// "old" folder of a run killed while the target was moved aside (no target left) is moved back instead.
/// A temporary whose process is still running (another AqNet writing the same target) is left alone; one without a
/// process id is removed only when no process holds it open (the writers keep it open until the rename).</summary>
public static partial class StaleTemporaries
{
    [GeneratedRegex(@"^\.?(?<name>.+)\.(?<kind>tmp|old)-(?<pid>[0-9]+)(-.*)?$")]
    private static partial Regex WithPid();

    [GeneratedRegex(@"^(?<name>.+)\.tmp-[0-9a-f]{8}$")]
    private static partial Regex WithoutPid();

    /// <summary>Removes stale temporaries of <paramref name="targetPath"/>; returns how many. Never throws: a
    /// temporary that cannot be removed is left for the next run.</summary>
    public static int Remove(string targetPath)
    {
        var full = Path.GetFullPath(targetPath);
        var dir = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        if (dir is null || name.Length == 0 || !Directory.Exists(dir)) return 0;
        var removed = 0;
        try
        {
            foreach (var path in Directory.GetFileSystemEntries(dir, "*" + name + ".*-*"))
            {
                var entry = Path.GetFileName(path);
                var m = WithPid().Match(entry);
                bool stale;
                if (m.Success && m.Groups["name"].Value == name)
                    stale = int.TryParse(m.Groups["pid"].Value, System.Globalization.NumberStyles.None, Fmt.Inv, out var pid) && !Running(pid);
                else if (WithoutPid().Match(entry) is { Success: true } h && h.Groups["name"].Value == name)
                    stale = File.Exists(path) && !HeldOpen(path);
                else continue;
                if (!stale) continue;
                if (m.Success && m.Groups["kind"].Value == "old" && Directory.Exists(path) && !Directory.Exists(full) && !File.Exists(full))
                    Directory.Move(path, full);   // killed between moving the old folder aside and the new one in
                else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                else File.Delete(path);
                removed++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return removed;
    }

    private static bool Running(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>True when another process has the file open (.NET writers take a lock on open; see FileShare).</summary>
    private static bool HeldOpen(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
