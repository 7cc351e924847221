using System.CommandLine;
using AqNet.Core.Data;
using AqNet.Core.Store;

namespace AqNet.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var format = new Option<string>("--format") { Description = "Output format (Parquet keeps the column types and is compressed).", HelpName = "csv|parquet", Required = true };
        var output = new Option<string>("--out") { Description = "Output file.", Required = true };
        var table = new Option<string>("--table") { Description = "observations (default) or filled (the gap-filled record of `aqnet fill`).", DefaultValueFactory = _ => "observations" };
        var stations = new Option<string?>("--station") { Description = "Only these station ids, comma-separated (e.g. 1001A,1002A)." };
        var from = new Option<string?>("--from") { Description = "First hour, UTC (2019-01-01 or 2019-01-01T06:00)." };
        var to = new Option<string?>("--to") { Description = "Last hour, UTC, included." };
        var cmd = new Command("export", "Export observations in long form (station, time UTC, variable, value, QC flags), sorted by station, variable and time; or the filled record.")
            { store, format, output, table, stations, from, to };
        cmd.SetAction(r =>
        {
            using var s = AqStore.OpenRead(r.GetValue(store)!);
            var err = r.InvocationConfiguration.Error;
            if (FilledStore.ParseTable(r.GetValue(table)!) == ExportTable.Filled)
            {
                var rows = FilledStore.Export(s, r.GetValue(format)!, r.GetValue(output)!);
                err.WriteLine($"wrote {rows:N0} filled rows to {r.GetValue(output)}");
                return 0;
            }
            var filter = new ExportFilter(
                r.GetValue(stations)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                r.GetValue(from) is { } f ? UtcHour.Parse(f, "--from") : null,
                r.GetValue(to) is { } t ? UtcHour.Parse(t, "--to") : null);
            if (filter.FromUtc > filter.ToUtc) throw new InputException($"--from {r.GetValue(from)} is after --to {r.GetValue(to)}; expected --from ≤ --to");
            var n = StoreExport.Export(s, ParseFormat(r.GetValue(format)!), r.GetValue(output)!, filter, CliRun.Progress(r));
            err.WriteLine($"wrote {n:N0} observations to {r.GetValue(output)}");
            return 0;
        });
        return cmd;
    }

    /// <summary>Parsed here rather than as an enum option, so a wrong value is bad input (exit 2) with the expected values.</summary>
    private static ExportFormat ParseFormat(string text) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "parquet" => ExportFormat.Parquet,
        _ => throw new InputException($"--format '{text}': expected csv or parquet"),
    };
}
