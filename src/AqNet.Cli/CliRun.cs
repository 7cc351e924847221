using System.CommandLine;
using AqNet.Core.Data;

namespace AqNet.Cli;

/// <summary>Runs the parsed command. Exit codes: 0 success, 1 usage error (System.CommandLine's own),
/// 2 bad input (file, value or argument: the message says which and what was expected), 3 internal error,
/// 130 cancelled (Ctrl+C).</summary>
public static class CliRun
{
    public const int BadInput = 2, InternalError = 3, Cancelled = 130;

    public static int Invoke(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var config = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
        if (output is not null) config.Output = output;
        if (error is not null) config.Error = error;
        var err = error ?? Console.Error;
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (InputException e)
        {
            err.WriteLine("error: " + e.Message);
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
    }

    /// <summary>The command as typed ("aqnet reanalyze --model …"), for the history attribute of the files it writes.</summary>
    public static string CommandLine(ParseResult r) =>
        "aqnet " + Core.NetCdf.CfMetadata.CommandLine(r.Tokens.Select(t => t.Value));

    /// <summary>Progress lines on stderr, so stdout stays clean for --json output.</summary>
    public static IProgress<string> Progress(ParseResult r) => new StderrProgress(r.InvocationConfiguration.Error);

    private sealed class StderrProgress(TextWriter err) : IProgress<string>
    {
        public void Report(string value) => err.WriteLine(value);
    }
}
