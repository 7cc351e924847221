using System.CommandLine;
using AqNet.Viewer.Hosting;

namespace AqNet.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var grid = new Option<string>("--grid") { Description = "The reanalysis to show: FILE.nc or DIR.zarr written by `aqnet reanalyze`.", Required = true };
        var store = new Option<string?>("--store") { Description = "A store whose stations are drawn with their observed PM2.5; a station's series adds its filled record (aqnet fill) when the store has one." };
        var model = new Option<string?>("--model") { Description = "The model folder the grid was made with: its stations are drawn as used, the others as held out." };
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one).", DefaultValueFactory = _ => 8765 };
        var bind = new Option<string>("--bind") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
        var remote = new Option<bool>("--allow-remote") { Description = "Allow a --bind address beyond loopback (the viewer has no authentication)." };
        var cmd = new Command("serve", "A local web viewer of a gridded reanalysis: the PM2.5 field with a time slider, stations, uncertainty and far-from-stations layers, and series on a click (with CSV).")
        {
            grid, store, model, port, bind, remote,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new ServeOptions
            {
                GridPath = r.GetValue(grid)!, StorePath = r.GetValue(store), ModelDir = r.GetValue(model),
                Port = ServeOptions.ParsePort(r.GetValue(port)), Bind = ServeOptions.ParseBind(r.GetValue(bind)!, r.GetValue(remote)),
            };
            ViewerServer.Run(o, r.InvocationConfiguration.Output, ct);
            return Task.FromResult(0);
        });
        return cmd;
    }
}
