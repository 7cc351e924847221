using System.CommandLine;
using AqNet.Torch.Jobs.Demo;

namespace AqNet.Cli.Commands;

public static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for everything the demo writes.", DefaultValueFactory = _ => "aqnet-demo" };
        var from = new Option<string?>("--from") { Description = "The UCI Beijing zip or a folder holding it (default: $AQNET_DATA, ../shared/data, the cache, else download)." };
        var cmd = new Command("demo", "The whole pipeline on the Beijing data: ingest, temporal and spatial models against baselines, a gridded week with NetCDF and maps.") { output, from };
        cmd.SetAction((r, ct) =>
        {
            r.InvocationConfiguration.Output.Write(DemoJob.Run(r.GetValue(output)!, r.GetValue(from), CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
