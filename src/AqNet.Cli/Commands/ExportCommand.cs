using System.CommandLine;
using AqNet.Core.Store;

namespace AqNet.Cli.Commands;

public static class ExportCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var format = new Option<string>("--format") { Description = "csv or parquet.", Required = true };
        var output = new Option<string>("--out") { Description = "Output file.", Required = true };
        var table = new Option<string>("--table") { Description = "observations (default) or filled (the gap-filled record of `aqnet fill`).", DefaultValueFactory = _ => "observations" };
        var cmd = new Command("export", "Export every observation in long form (station, time UTC, variable, value, QC flags), or the filled record.") { store, format, output, table };
        cmd.SetAction(r =>
        {
            var filled = FilledStore.ParseTable(r.GetValue(table)!) == ExportTable.Filled;
            using var s = AqStore.OpenRead(r.GetValue(store)!);
            var n = filled ? FilledStore.Export(s, r.GetValue(format)!, r.GetValue(output)!) : StoreExport.Export(s, r.GetValue(format)!, r.GetValue(output)!);
            r.InvocationConfiguration.Error.WriteLine($"wrote {n:N0} {(filled ? "filled rows" : "observations")} to {r.GetValue(output)}");
            return 0;
        });
        return cmd;
    }
}
