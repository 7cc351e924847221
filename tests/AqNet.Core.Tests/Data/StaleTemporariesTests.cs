using System.Diagnostics;
using AqNet.Core.Data;
using AqNet.Core.Tests.Import;

namespace AqNet.Core.Tests.Data;

public sealed class StaleTemporariesTests
{
    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void Temporaries_of_dead_writers_go_and_those_of_running_ones_or_other_targets_stay()
    {
        using var dir = new TempFolder();
        var dead = DeadPid();
        var target = dir.File("x.nc", "done");
        var gone = new[]
        {
            dir.File("x.nc.tmp-1a2b3c4d", "half"),                        // NetCDF writer, nobody holds it
            dir.File($"x.nc.tmp-{dead}-0123456789abcdef", "half"),        // atomic writer of a dead process
            dir.File($".x.nc.tmp-{dead}", "half"),                        // export temporary of a dead process
        };
        Directory.CreateDirectory(Path.Combine(dir.Path, $"x.nc.old-{dead}-ff"));
        var kept = new[]
        {
            dir.File($"x.nc.tmp-{Environment.ProcessId}-0123", "in progress"),   // this process is writing it
            dir.File("x.nc.tmp-9f8e7d6c", "in progress"),                        // held open below
            dir.File("y.nc.tmp-1a2b3c4d", "another target"),
            dir.File("x.nc.tmp-notes", "not ours"),
        };
        using (new FileStream(kept[1], FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            Assert.Equal(4, StaleTemporaries.Remove(target));
        Assert.All(gone, p => Assert.False(File.Exists(p), p));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, $"x.nc.old-{dead}-ff")));
        Assert.All(kept, p => Assert.True(File.Exists(p), p));
        Assert.Equal("done", File.ReadAllText(target));
    }

    [Fact]
    public void A_folder_moved_aside_by_a_killed_run_comes_back_when_nothing_replaced_it()
    {
        using var dir = new TempFolder();
        var dead = DeadPid();
        var target = Path.Combine(dir.Path, "model");
        dir.File($"model.old-{dead}-ab/model.json", "old");      // moved aside, then the run was killed
        dir.File($"model.tmp-{dead}-cd/model.json", "new");      // the new folder never moved in
        Assert.Equal(2, StaleTemporaries.Remove(target));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "model.json")));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir.Path));
        dir.File($"model.old-{dead}-ef/model.json", "older");    // killed after the new folder moved in: the old goes
        Assert.Equal(1, StaleTemporaries.Remove(target));
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "model.json")));
        Assert.Equal([target], Directory.GetFileSystemEntries(dir.Path));
    }
}
