using System.CommandLine;
using AqNet.Cli.Commands;

namespace AqNet.Cli;

/// <summary>The `aqnet` command tree.</summary>
public static class CliApp
{
    public static RootCommand Root()
    {
        var root = new RootCommand("AqNet: air-quality reanalysis with deep learning (AQ-Net, Kheder et al. 2025) and honest baselines.");
        root.Add(DemoCommand.Create());
        root.Add(DoctorCommand.Create());
        root.Add(IngestCommand.Create());
        root.Add(StationsCommand.Create());
        root.Add(InspectCommand.Create());
        root.Add(ExportCommand.Create());
        root.Add(DataCommand.Create());
        root.Add(TrainCommand.Create());
        root.Add(TrainCommand.Evaluate());
        root.Add(ExperimentCommand.Create());
        root.Add(BenchCommand.Create());
        root.Add(ReanalyzeCommand.Create());
        root.Add(FitCommand.Create());
        root.Add(FillCommand.Create());
        root.Add(ServeCommand.Create());
        root.Add(ShardsCommand.Create());
        return root;
    }

    /// <summary>Runs `aqnet` with captured output: (exit code, stdout, stderr). For tests and embedding.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliRun.Invoke(Root(), args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
