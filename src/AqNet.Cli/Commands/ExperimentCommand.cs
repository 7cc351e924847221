using System.CommandLine;
using AqNet.Torch.Jobs;

namespace AqNet.Cli.Commands;

public static class ExperimentCommand
{
    public static Command Create()
    {
        var cmd = new Command("experiment", "Reproducible experiments: every model through the same windows, split and metrics.");
        cmd.Add(Temporal());
        return cmd;
    }

    private static Command Temporal()
    {
        var store = StoreOptions.Store();
        var protocol = new Option<string>("--protocol") { Description = "table1 (24 h window; 6, 12, 24 h ahead) or table2 (336 h window; daily means 2, 4, 7 days ahead).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: results.json, report.md, figures/.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per neural model (mean ± std reported).", DefaultValueFactory = _ => 1 };
        var models = new Option<string?>("--models") { Description = "Comma-separated subset of: " + string.Join(", ", TemporalJob.AllModels) + "." };
        var quick = new Option<bool>("--quick") { Description = "A short training schedule, for a first look." };
        var met = new Option<bool>("--meteorology") { Description = "Add the meteorological variables as inputs when the store has them." };
        var noHistory = new Option<bool>("--no-target-history") { Description = "Do not feed PM2.5's own history (the paper's setting)." };
        var cmd = new Command("temporal", "AQ-Net against persistence, climatology, ridge, LSTM, PatchTST and AQ-Net without cyclic encoding (the paper's Tables 1 and 2).")
        {
            store, protocol, output, seeds, models, quick, met, noHistory,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new TemporalJobOptions
            {
                StorePath = r.GetValue(store)!, Protocol = r.GetValue(protocol)!, OutputDir = r.GetValue(output)!,
                Seeds = r.GetValue(seeds), Models = SplitList(r.GetValue(models)), Quick = r.GetValue(quick),
                Meteorology = r.GetValue(met), ExcludeTargetHistory = r.GetValue(noHistory),
            };
            var result = TemporalJob.Run(o, CliRun.Progress(r), ct);
            r.InvocationConfiguration.Output.Write(TemporalJob.Summary(result, o.OutputDir));
            return Task.FromResult(0);
        });
        return cmd;
    }

    internal static IReadOnlyList<string>? SplitList(string? s) =>
        s is null ? null : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
