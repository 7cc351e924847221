using System.CommandLine;
using AqNet.Torch.Jobs.Reanalyze;
using AqNet.Torch.Jobs.Temporal;

namespace AqNet.Cli.Commands;

public static class ExperimentCommand
{
    public static Command Create()
    {
        var cmd = new Command("experiment", "Reproducible experiments: every model through the same windows, split and metrics.");
        cmd.Add(Temporal());
        cmd.Add(Spatial());
        cmd.Add(ImputeExperimentCommand.Create());
        return cmd;
    }

    private static Command Temporal()
    {
        var store = StoreOptions.Store();
        var protocol = new Option<string>("--protocol") { Description = "table1 (24 h window; 6, 12, 24 h ahead) or table2 (336 h window; daily means 2, 4, 7 days ahead).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: results.json, report.md, figures/.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per neural model (mean ± std reported).", DefaultValueFactory = _ => 1 };
        var models = new Option<string?>("--models") { Description = "Comma-separated subset of: " + string.Join(", ", TemporalJob.AllModels) + " (default: all of them); also " + string.Join(", ", TemporalJob.OptionalModels) + ", the reanalysis model forecasting with the later hours masked (table1)." };
        var quick = new Option<bool>("--quick") { Description = "A short training schedule, for a first look." };
        var met = new Option<bool>("--meteorology") { Description = "Add the meteorological variables as inputs when the store has them." };
        var noHistory = new Option<bool>("--no-target-history") { Description = "Do not feed PM2.5's own history (the paper's setting)." };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs of the neural models (early stopping on validation). Default: 15 for table1, 10 for table2." };
        var batches = new Option<int?>("--batches-per-epoch") { Description = "Batches of 32 per epoch (0 = all windows). Default: 600 for table1, 150 for table2." };
        var noResidual = new Option<bool>("--no-residual") { Description = "Neural heads predict PM2.5 itself, not the change from its last value (the paper's head)." };
        var lr = new Option<double?>("--lr") { Description = "AdamW learning rate of the neural models. Default: 1e-3 for table1, 3e-4 for table2." };
        var schedule = new EnumOption<AqNet.Torch.Training.LrSchedule>("--schedule", "Learning-rate schedule over the epochs.", AqNet.Torch.Training.LrSchedule.Constant);
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation loss (0 = never).", DefaultValueFactory = _ => 3 };
        var noSkip = new Option<bool>("--no-linear-skip") { Description = "Neural models without the linear path from the recent window to the horizon (the paper's network)." };
        var cmd = new Command("temporal", "AQ-Net against persistence, climatology, ridge, LSTM, PatchTST and AQ-Net without cyclic encoding (the paper's Tables 1 and 2).")
        {
            store, protocol, output, seeds, models, quick, met, noHistory, noResidual, noSkip, epochs, batches, lr, schedule.Option, patience,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new TemporalJobOptions
            {
                StorePath = r.GetValue(store)!, Protocol = r.GetValue(protocol)!, OutputDir = r.GetValue(output)!,
                Seeds = r.GetValue(seeds), Models = SplitList(r.GetValue(models))?.Select(AqNet.Core.Experiments.TemporalModels.Parse).ToArray(), Quick = r.GetValue(quick),
                Meteorology = r.GetValue(met), ExcludeTargetHistory = r.GetValue(noHistory), Residual = !r.GetValue(noResidual), LinearSkip = !r.GetValue(noSkip),
                Train = TemporalJob.DefaultTraining(r.GetValue(protocol)!, r.GetValue(epochs), r.GetValue(batches), r.GetValue(lr)) with
                {
                    Patience = r.GetValue(patience), Schedule = schedule.Value(r),
                },
                StEpochs = r.GetValue(epochs),
                CommandLine = CliRun.CommandLine(r),
            };
            var result = TemporalJob.Run(o, CliRun.Progress(r), ct);
            r.InvocationConfiguration.Output.Write(TemporalJob.Summary(result, o.OutputDir));
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Command Spatial()
    {
        var store = StoreOptions.Store();
        var protocol = new EnumOption<AqNet.Core.Spatial.SpatialProtocolKind>("--protocol", "loso (each station hidden in turn) or holdout (a fixed hidden set).", null);
        var ratio = new Option<double?>("--hidden-ratio") { Description = "holdout: share of stations hidden (default 0.2), chosen with a seed and spread in space." };
        var hidden = new Option<string?>("--hidden") { Description = "holdout: comma-separated station ids to hide." };
        var ks = new Option<string>("--k") { Description = "Neighbour counts; the mean of their estimates is the estimate, the spread the uncertainty.", DefaultValueFactory = _ => "3,5,10" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds for the neural model.", DefaultValueFactory = _ => 1 };
        var window = new Option<int>("--window") { Description = "Hours of each neighbour's input window, ending at the estimated hour.", DefaultValueFactory = _ => 24 };
        var nbDrop = new Option<double>("--neighbour-dropout") { Description = "Neural kNN training: probability that a station is hidden from its neighbours at an hour (augments a small network's geometries).", DefaultValueFactory = _ => 0.2 };
        var ahead = new Option<string?>("--ahead") { Description = "Also estimate hours ahead at the hidden places, e.g. 6,12,24." };
        var quick = new Option<bool>("--quick") { Description = "A short training schedule." };
        var output = new Option<string>("--out") { Description = "Output folder: results.json, report.md, figures/, model/.", Required = true };
        var spatialMet = new Option<bool>("--meteorology") { Description = "Also feed the neighbours' meteorology (wind, temperature, ...) to the neural kNN." };
        var region = new Option<string?>("--bbox") { Description = "Only stations inside LON0,LAT0,LON1,LAT1 (degrees), e.g. 110,34,125,42 for northern China." };
        var epochs = new Option<int>("--epochs") { Description = "Neural kNN epochs per fold.", DefaultValueFactory = _ => 4 };
        var steps = new Option<int>("--steps-per-epoch") { Description = "Neural kNN batches per epoch.", DefaultValueFactory = _ => 100 };
        var noKrigingBase = new Option<bool>("--no-kriging-base") { Description = "The neural kNN corrects its own attention-weighted mean instead of an ordinary-kriging estimate (variogram fitted on the training hours)." };
        var correction = new Option<double>("--correction-scale") { Description = "Factor on the neural kNN's learned correction at inference (0 = kriging alone, 1 = as trained).", DefaultValueFactory = _ => 0.75 };
        var development = new Option<bool>("--development") { Description = "Choose settings without the test hours: cut the data before the test part, and split what is left again." };
        var cmd = new Command("spatial", "The neural kNN against mean, nearest, inverse-distance weighting and kriging at stations it never saw.")
        {
            store, protocol.Option, ratio, hidden, ks, seeds, window, nbDrop, ahead, quick, output, spatialMet, region, epochs, steps, noKrigingBase, development, correction,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new AqNet.Core.Experiments.Spatial.SpatialExperimentOptions
            {
                StorePath = r.GetValue(store)!, OutputDir = r.GetValue(output)!, Protocol = protocol.Value(r),
                HiddenRatio = r.GetValue(ratio), HiddenIds = SplitList(r.GetValue(hidden)), Ks = ParseInts(r.GetValue(ks), "--k")!,
                Seeds = r.GetValue(seeds), NeighbourDropout = r.GetValue(nbDrop), Window = r.GetValue(window), AheadHours = ParseInts(r.GetValue(ahead), "--ahead") ?? [], Quick = r.GetValue(quick),
                Meteorology = r.GetValue(spatialMet), Epochs = r.GetValue(epochs), StepsPerEpoch = r.GetValue(steps), Region = Region(r.GetValue(region)),
                KrigingBase = !r.GetValue(noKrigingBase), Development = r.GetValue(development), CorrectionScale = r.GetValue(correction),
                CommandLine = CliRun.CommandLine(r),
            };
            var result = AqNet.Torch.Jobs.Spatial.SpatialExperiment.Run(o, CliRun.Progress(r), ct);
            r.InvocationConfiguration.Output.Write(SpatialSummary(result, o.OutputDir));
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static string SpatialSummary(AqNet.Core.Experiments.Spatial.SpatialExperimentResult result, string dir)
    {
        var sb = new System.Text.StringBuilder("pooled over hidden stations and test hours, µg/m³:\n");
        foreach (var row in result.Rows.Where(x => x.IsPooled))
            sb.AppendLine(string.Create(AqNet.Core.Data.Fmt.Inv, $"{row.Model,-10} {AqNet.Core.Spatial.SpatialTasks.Name(row.Task),-8} {row.Horizon,4}  MAE {row.Mae,7:F2}  RMSE {row.Rmse,7:F2}  R² {row.R2,6:F3}  n {row.N}"));
        sb.AppendLine($"results: {System.IO.Path.Combine(dir, "results.json")}, report: {System.IO.Path.Combine(dir, "report.md")}");
        return sb.ToString();
    }

    private static (double, double, double, double)? Region(string? text)
    {
        if (text is null) return null;
        var g = AqNet.Torch.Jobs.Reanalyze.ReanalyzeOptions.ParseGrid(text, 1); // same parsing and checks as --bbox
        return (g.Lon0, g.Lat0, g.Lon1, g.Lat1);
    }

    internal static IReadOnlyList<int>? ParseInts(string? s, string option)
    {
        if (s is null) return null;
        var list = new List<int>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            list.Add(int.TryParse(part, System.Globalization.NumberStyles.None, AqNet.Core.Data.Fmt.Inv, out var v) && v > 0 ? v
                : throw new AqNet.Core.Data.InputException($"{option} '{s}': expected positive whole numbers separated by commas, e.g. 5,10,20"));
        return list;
    }

    internal static IReadOnlyList<string>? SplitList(string? s) =>
        s is null ? null : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
