using System.CommandLine;
using AqNet.Cli;
using AqNet.Cli.Commands;

// Each command's action calls one library method; CliRun turns bad input into a clear message and exit code 2.
var root = new RootCommand("AqNet: air-quality reanalysis with deep learning (AQ-Net, Kheder et al. 2025) and honest baselines.");
root.Add(DoctorCommand.Create());
root.Add(IngestCommand.Create());
root.Add(StationsCommand.Create());
root.Add(InspectCommand.Create());
root.Add(ExportCommand.Create());
root.Add(DataCommand.Create());
return CliRun.Invoke(root, args);
