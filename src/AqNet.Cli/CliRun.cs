using System.CommandLine;
using AqNet.Core.Data;
using AqNet.Core.Store;

namespace AqNet.Cli;

/// <summary>Runs the parsed command. Exit codes: 0 success, 2 bad input (file, value or argument: the message says which
/// and what was expected; also an unknown option, a missing argument or a value of the wrong type, found by the parser),
/// 3 internal error, 130 cancelled (Ctrl+C). A command may give 1 for a result that is not an error (shards verify:
/// incomplete).</summary>
public static class CliRun
{
    public const int BadInput = 2, InternalError = 3, Cancelled = 130;

    public static int Invoke(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        // Ctrl+C is handled here rather than by System.CommandLine, which ends the process with 130 silently: the
        // command's token is cancelled, the command stops at its next check and "cancelled" is printed below.
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (output is not null) config.Output = output;
        if (error is not null) config.Error = error;
        var err = error ?? Console.Error;
        var parse = root.Parse(args);
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            // System.CommandLine would print every error and the whole help, then exit 1: one line and exit 2 instead.
            var names = new List<string>();
            for (var c = parse.CommandResult; c is not null && c.Command is not RootCommand; c = c.Parent as System.CommandLine.Parsing.CommandResult)
                names.Insert(0, c.Command.Name);
            var command = string.Join(' ', names);
            err.WriteLine("error: " + Clip(string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')).Distinct())) +
                $"; see 'aqnet {(command.Length > 0 ? command + " " : "")}--help'");
            return BadInput;
        }
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;   // keep the process alive until the command has stopped and cleaned up
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return parse.InvokeAsync(config, cts.Token).GetAwaiter().GetResult();
        }
        catch (InputException e)
        {
            err.WriteLine("error: " + Clip(e.Message));
            return BadInput;
        }
        catch (Exception e) when (StoreErrors.Describe(e, StorePath(parse)) is { } described)
        {
            // A damaged store or a full disk found while reading or writing the store named by --store.
            err.WriteLine("error: " + described.Message);
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            err.WriteLine("cancelled");
            return Cancelled;
        }
        catch (Exception e)
        {
            err.WriteLine("internal error: " + e);
            return InternalError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The command as typed ("aqnet reanalyze --model …"), for the history attribute of the files it writes.</summary>
    public static string CommandLine(ParseResult r) =>
        "aqnet " + Core.NetCdf.CfMetadata.CommandLine(r.Tokens.Select(t => t.Value));

    /// <summary>A message is one line for a person: a cell or header echoed from a hostile file is cut.</summary>
    internal static string Clip(string message, int max = 2000) =>
        message.Length <= max ? message : string.Concat(message.AsSpan(0, max), $"… ({message.Length - max:N0} more characters)");

    private static string StorePath(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<string>>().FirstOrDefault(o => o.Name == "--store") is { } o
            ? parse.GetValue(o) ?? "(store)" : "(store)";

    /// <summary>Progress lines on stderr, so stdout stays clean for --json output.</summary>
    public static IProgress<string> Progress(ParseResult r) => new StderrProgress(r.InvocationConfiguration.Error);

    private sealed class StderrProgress(TextWriter err) : IProgress<string>
    {
        public void Report(string value) => err.WriteLine(value);
    }
}
