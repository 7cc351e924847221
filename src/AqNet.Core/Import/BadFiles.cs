using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>What an ingest does with a file that has a problem.</summary>
public enum BadFilePolicy
{
    /// <summary>Stop at the first problem (nothing is written).</summary>
    Stop,
    /// <summary>Read every file and list every problem; nothing is written (`--check`).</summary>
    Check,
    /// <summary>Ingest the files without problems; the others are named, with their problem, in the summary and the store's ingest log (`--skip-bad`).</summary>
    Skip,
}

/// <summary>One file's problem: the file as inputs name it (zip!member) and the message.</summary>
public sealed record FileProblem(string File, string Message);

/// <summary>While a read collects problems instead of stopping, <see cref="FileRunner"/> records each file's first
/// problem here and goes on with the next file, and leaves out the files named in <see cref="Excluded"/>. Ambient
/// (per async flow) because the importers share FileRunner but not their options.</summary>
internal sealed class BadFiles
{
    private static readonly AsyncLocal<BadFiles?> Ambient = new();

    public static BadFiles? Current => Ambient.Value;

    public List<FileProblem> Problems { get; } = [];

    public HashSet<string> Excluded { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Collects problems (and leaves out <paramref name="excluded"/>) until the returned scope is disposed.</summary>
    public static IDisposable Collect(out BadFiles collector, IEnumerable<string>? excluded = null)
    {
        var previous = Ambient.Value;
        collector = new BadFiles { Excluded = new HashSet<string>(excluded ?? [], StringComparer.Ordinal) };
        Ambient.Value = collector;
        return new Scope(() => Ambient.Value = previous);
    }

    public void Add(InputEntry entry, InputException e) => Problems.Add(new FileProblem(entry.Display, e.Message));

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
