using System.CommandLine;
using AqNet.Torch.Runtime;

namespace AqNet.Cli.Commands;

public static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Write the findings as JSON." };
        var cmd = new Command("doctor", "Check the runtime: libtorch version, threads, device, and whether the libstdc++ compatibility step was applied.") { json };
        cmd.SetAction(r =>
        {
            var report = Doctor.Run();
            r.InvocationConfiguration.Output.Write(r.GetValue(json) ? Doctor.Json(report) : Doctor.Text(report));
            return 0;
        });
        return cmd;
    }
}
