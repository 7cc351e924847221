using System.CommandLine;

namespace AqNet.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class StoreOptions
{
    public static Option<string> Store(string description = "The AqNet store (a DuckDB file).") =>
        new("--store") { Description = description, Required = true };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };
}
