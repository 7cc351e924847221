using System.CommandLine;
using AqNet.Core.Store;

namespace AqNet.Cli.Commands;

public static class StationsCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var json = StoreOptions.Json();
        var cmd = new Command("stations", "List the stations in a store with coordinates and hours of data.") { store, json };
        cmd.SetAction(r =>
        {
            using var s = AqStore.OpenRead(r.GetValue(store)!);
            r.InvocationConfiguration.Output.Write(StoreReports.Stations(s, r.GetValue(json)));
            return 0;
        });
        return cmd;
    }
}
