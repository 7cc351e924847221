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
        var cmd = new Command("export", "Export every observation in long form (station, time UTC, variable, value, QC flags).") { store, format, output };
        cmd.SetAction(r =>
        {
            using var s = AqStore.OpenRead(r.GetValue(store)!);
            var n = StoreExport.Export(s, r.GetValue(format)!, r.GetValue(output)!);
            r.InvocationConfiguration.Error.WriteLine($"wrote {n:N0} observations to {r.GetValue(output)}");
            return 0;
        });
        return cmd;
    }
}
