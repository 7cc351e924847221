using System.CommandLine;
using AqNet.Core.Import;
using AqNet.Core.Store;
using AqNet.Torch.Jobs.Ingest;

namespace AqNet.Cli.Commands;

/// <summary>`aqnet ingest FORMAT PATHS... --store S`: one subcommand per format (<see cref="IngestFormats"/>), each with
/// the options it reads and a help text naming its columns.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var cmd = new Command("ingest", "Read station data into a store: atomic (a failed ingest changes nothing) and idempotent. " +
            "`aqnet ingest FORMAT --help` names the columns a format expects.");
        foreach (var f in IngestFormats.All) cmd.Add(Format(f));
        return cmd;
    }

    private static Command Format(IngestFormat f)
    {
        var cmd = new Command(f.Name, f.Description);
        var paths = new Argument<string[]>("paths") { Description = f.StationLists ? "Files, folders or zip archives (nested zips too)." : "The benchmark folder.", Arity = ArgumentArity.OneOrMore };
        // an unknown option after the paths would be taken for a path: refused as what it is
        paths.Validators.Add(r =>
        {
            if (r.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } t)
                r.AddError($"Unrecognized option '{t.Value}'");
        });
        var store = StoreOptions.Store("The AqNet store (a DuckDB file); created if absent.");
        cmd.Add(paths);
        cmd.Add(store);
        var lists = f.StationLists ? new StationListOptions(cmd) : null;
        var columns = f.Columns == ColumnOptions.None ? null : new ColumnOptionSet(cmd, f.Columns == ColumnOptions.Long);
        var check = new Option<bool>("--check") { Description = "Read every input and list every file's problem; nothing is written (exit 2 when any)." };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Ingest the files without problems; the skipped ones and why are named in the summary and the store's ingest log." };
        cmd.Add(check);
        cmd.Add(skipBad);
        cmd.SetAction((r, ct) =>
        {
            var options = new ImportOptions { Long = columns?.Build(r) };
            if (lists is not null) options = lists.Apply(r, options);
            if (r.GetValue(check) && r.GetValue(skipBad)) throw new AqNet.Core.Data.InputException("--check and --skip-bad exclude each other; expected one of them");
            if (r.GetValue(check))
            {
                var problems = IngestJob.Check(f.Name, r.GetValue(paths)!, options, CliRun.Progress(r), ct);
                var output = r.InvocationConfiguration.Output;
                foreach (var p in problems) output.WriteLine("problem: " + CliRun.Clip(p.Message));
                output.WriteLine(problems.Count == 0 ? "no problems found; nothing was written" : $"{problems.Count} problem(s) found; nothing was written");
                return Task.FromResult(problems.Count == 0 ? 0 : CliRun.BadInput);
            }
            var summary = IngestJob.Run(f.Name, r.GetValue(paths)!, options, r.GetValue(store)!, CliRun.Progress(r), ct,
                r.GetValue(skipBad) ? BadFilePolicy.Skip : BadFilePolicy.Stop);
            r.InvocationConfiguration.Output.Write(summary.ToText());
            return Task.FromResult(0);
        });
        return cmd;
    }

    /// <summary>--stations (repeatable) and --station-columns.</summary>
    private sealed class StationListOptions
    {
        private readonly Option<string[]> _files = new("--stations")
        {
            Description = "Station list with coordinates; repeat it for several lists, merged in the order given (the first that lists a station " +
                "gives its entry, blank coordinates are filled from the others). Default: looked for beside the inputs.",
            Arity = ArgumentArity.OneOrMore,
        };
        private readonly Option<string?> _columns = new("--station-columns")
        {
            Description = "Column names of the station lists, over the format's own: id=COL,lon=COL,lat=COL[,name=COL][,city=COL][,province=COL][,type=COL].",
        };

        public StationListOptions(Command cmd)
        {
            cmd.Add(_files);
            cmd.Add(_columns);
        }

        public ImportOptions Apply(ParseResult r, ImportOptions o) => o with
        {
            StationsFiles = r.GetValue(_files) ?? [],
            StationColumns = r.GetValue(_columns) is { } sc ? StationColumns.Parse(sc) : null,
        };
    }
}
