using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>`--help` output is part of the interface: compare it with the snapshots in Snapshots/. When a change
/// is intended, the test writes the new text beside the snapshot as *.received.txt; review and rename it.</summary>
public sealed class HelpSnapshotTests
{
    public static TheoryData<string> Commands() =>
    [
        "", "doctor", "ingest", "ingest prsa", "ingest cnemc", "ingest bjmemc", "ingest long", "ingest wide", "ingest aqi36", "stations", "inspect", "export", "data download", "demo", "train", "evaluate",
        "experiment temporal", "experiment spatial", "experiment impute", "reanalyze", "fit", "fill", "serve", "bench model", "bench st", "shards verify", "shards merge",
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_matches_snapshot(string command)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();
        var (exit, output, _) = CliApp.Run(args);
        Assert.Equal(0, exit);
        var name = command.Length == 0 ? "root" : command.Replace(' ', '-');
        var snapshot = Path.Combine(SnapshotFolder(), name + ".txt");
        // the usage line names the host executable (testhost here, aqnet when installed)
        var actual = output.Replace("\r\n", "\n").Replace("testhost", "aqnet");
        if (!File.Exists(snapshot) || File.ReadAllText(snapshot) != actual)
        {
            File.WriteAllText(Path.Combine(SnapshotFolder(), name + ".received.txt"), actual);
            Assert.Fail($"help of '{command}' differs from {snapshot}; the new text is in {name}.received.txt:\n{actual}");
        }
    }

    private static string SnapshotFolder([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Snapshots");
}
