using System.CommandLine;
using AqNet.Core.Store;

namespace AqNet.Cli.Commands;

public static class InspectCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var station = new Option<string?>("--station") { Description = "Only this station id." };
        var json = StoreOptions.Json();
        var plot = new Option<string?>("--plot") { Description = "Also write a PNG showing where PM2.5 is missing over time, per station." };
        var cmd = new Command("inspect", "Coverage per station and variable: hours, observed, missing, QC flags.") { store, station, json, plot };
        cmd.SetAction(r =>
        {
            using var s = AqStore.OpenRead(r.GetValue(store)!);
            r.InvocationConfiguration.Output.Write(StoreReports.Inspect(s, r.GetValue(station), r.GetValue(json)));
            if (r.GetValue(plot) is { } png)
            {
                CoveragePlot.Save(s, png, stationId: r.GetValue(station));
                r.InvocationConfiguration.Error.WriteLine($"wrote {png}");
            }
            return 0;
        });
        return cmd;
    }
}
