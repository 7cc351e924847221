using System.CommandLine;

namespace AqNet.Cli.Commands;

public static class DoctorCommand
{
    public static Command Create()
    {
        var cmd = new Command("doctor", "Check the runtime: libtorch version, threads, device, and whether the libstdc++ compatibility step was applied.");
        cmd.SetAction(r =>
        {
            r.InvocationConfiguration.Output.Write(AqNet.Torch.Runtime.Doctor.Report());
            return 0;
        });
        return cmd;
    }
}
