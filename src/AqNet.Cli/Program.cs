using AqNet.Cli;

// Each command's action calls one library method; CliRun turns bad input into a clear message and exit code 2.
return CliRun.Invoke(CliApp.Root(), args);
