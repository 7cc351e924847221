using AqNet.Cli;

namespace AqNet.Cli.Tests;

/// <summary>The parser's own errors (unknown option, missing argument, bad value, no command) are bad input: one line
/// naming the problem and the help to read, exit 2, and nothing written.</summary>
public sealed class ParseErrorCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData("error: Unrecognized command or argument '--bogus'; see 'aqnet stations --help'", "stations", "--bogus", "--store", "STORE")]
    [InlineData("error: Unrecognized option '--bogus'; see 'aqnet ingest long --help'", "ingest", "long", "DATA", "--bogus", "--store", "STORE")]
    [InlineData("error: Required argument missing for option: '--store'; see 'aqnet inspect --help'", "inspect", "--store")]
    [InlineData("error: Option '--store' is required; see 'aqnet ingest long --help'", "ingest", "long", "DATA")]
    [InlineData("error: Cannot parse argument 'abc' for option '--seeds' as expected type 'System.Int32'; see 'aqnet experiment spatial --help'",
        "experiment", "spatial", "--store", "STORE", "--protocol", "loso", "--out", "OUT", "--seeds", "abc")]
    [InlineData("error: Required command was not provided; Unrecognized command or argument 'frob'; see 'aqnet --help'", "frob")]
    public void Parse_errors_are_one_line_and_exit_2(string expected, params string[] args)
    {
        var data = _fx.Write("obs.csv", "station,time,value\nA,2020-01-01 00:00,1\n");
        var store = _fx.Path_("s.duckdb");
        var (exit, output, err) = CliApp.Run([.. args.Select(a => a switch { "STORE" => store, "DATA" => data, "OUT" => _fx.Path_("out"), _ => a })]);
        Assert.Equal(2, exit);
        Assert.Equal(expected + Environment.NewLine, err);
        Assert.Equal("", output);   // no help page after the message
        Assert.False(File.Exists(store));
    }
}
