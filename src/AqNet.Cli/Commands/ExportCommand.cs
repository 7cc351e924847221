using System.CommandLine;
using AqNet.Core.Data;
using AqNet.Core.Store;

namespace AqNet.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var format = new EnumOption<ExportFormat>("--format", "Output format (Parquet keeps the column types and is compressed).", null);
        var output = new Option<string>("--out") { Description = "Output file.", Required = true };
        var table = new EnumOption<ExportTable>("--table", "observations or filled (the gap-filled record of `aqnet fill`).", ExportTable.Observations);
        var stations = new Option<string?>("--station") { Description = "Only these station ids, comma-separated (e.g. 1001A,1002A)." };
        var from = new Option<string?>("--from") { Description = "First hour, UTC (2019-01-01 or 2019-01-01T06:00)." };
        var to = new Option<string?>("--to") { Description = "Last hour, UTC, included." };
        var cmd = new Command("export", "Export observations in long form (station, time UTC, variable, value, QC flags), sorted by station, variable and time; or the filled record.")
            { store, format.Option, output, table.Option, stations, from, to };
        cmd.SetAction(r =>
        {
            using var s = AqStore.OpenRead(r.GetValue(store)!);
            var err = r.InvocationConfiguration.Error;
            if (table.Value(r) == ExportTable.Filled)
            {
                var rows = FilledStore.Export(s, format.Value(r), r.GetValue(output)!);
                err.WriteLine($"wrote {rows:N0} filled rows to {r.GetValue(output)}");
                return 0;
            }
            var filter = new ExportFilter(
                r.GetValue(stations)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                r.GetValue(from) is { } f ? UtcHour.Parse(f, "--from") : null,
                r.GetValue(to) is { } t ? UtcHour.Parse(t, "--to") : null);
            if (filter.FromUtc > filter.ToUtc) throw new InputException($"--from {r.GetValue(from)} is after --to {r.GetValue(to)}; expected --from ≤ --to");
            var n = StoreExport.Export(s, format.Value(r), r.GetValue(output)!, filter, CliRun.Progress(r));
            err.WriteLine($"wrote {n:N0} observations to {r.GetValue(output)}");
            return 0;
        });
        return cmd;
    }
}
