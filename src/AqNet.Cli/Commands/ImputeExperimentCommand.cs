using System.CommandLine;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using AqNet.Torch.Jobs.Impute;

namespace AqNet.Cli.Commands;

/// <summary>`aqnet experiment impute`: gap filling and virtual sensing, the reanalysis model against the baselines.</summary>
public static class ImputeExperimentCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var protocol = new Option<string>("--protocol") { Description = "aqi36 (the benchmark's test points), virtual (hidden stations), point (25% random), block (runs of 4-48 h + 5% points) or loso (station groups dark over the test part in turn).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: results.json, report.md.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds of the neural model (mean ± std reported).", DefaultValueFactory = _ => 1 };
        var models = new Option<string?>("--models") { Description = "Comma-separated subset of: " + string.Join(", ", ImputeJob.DefaultModels.Select(ImputeModels.Name)) + "." };
        var hidden = new Option<string?>("--hidden") { Description = "virtual: comma-separated station ids to hide (default on AQI-36: 001014,001031)." };
        var development = new Option<bool>("--development") { Description = "Choose settings without the test part: cut it off and split what is left again." };
        var quick = new Option<bool>("--quick") { Description = "A short training schedule, for a first look." };
        var epochs = new Option<int?>("--epochs") { Description = "aqnet-st: epochs (the learning rate falls on a cosine over them; the last epoch's weights are kept)." };
        var steps = new Option<int?>("--steps-per-epoch") { Description = "aqnet-st: batches per epoch." };
        var window = new Option<int?>("--window") { Description = "aqnet-st: hours of each window (both sides of the estimated hours)." };
        var k = new Option<int?>("--k") { Description = "aqnet-st: nearest stations read beside the target." };
        var cmd = new Command("impute", "Fill gaps and hidden stations from both sides in time and from the neighbours: aqnet-st against mean, linear, IDW, kriging and the hybrid.")
        {
            store, protocol, output, seeds, models, hidden, development, quick, epochs, steps, window, k,
        };
        cmd.SetAction((r, ct) =>
        {
            var defaults = new StTrainOptions();
            var train = defaults with { Epochs = r.GetValue(epochs) ?? defaults.Epochs, StepsPerEpoch = r.GetValue(steps) ?? defaults.StepsPerEpoch };
            var model = new StOptions();
            model = model with { Window = r.GetValue(window) ?? model.Window, Neighbours = r.GetValue(k) ?? model.Neighbours };
            var o = new ImputeJobOptions
            {
                StorePath = r.GetValue(store)!, OutputDir = r.GetValue(output)!, Seeds = r.GetValue(seeds),
                Protocol = new ImputeProtocolOptions
                {
                    Kind = ImputeProtocolOptions.Parse(r.GetValue(protocol)!), Development = r.GetValue(development),
                    Hidden = ExperimentCommand.SplitList(r.GetValue(hidden)),
                },
                Models = ExperimentCommand.SplitList(r.GetValue(models))?.Select(ImputeModels.Parse).ToArray(),
                Model = model,
                Train = r.GetValue(quick) ? train.ForQuick() : train,
                Command = CliRun.CommandLine(r),
            };
            var result = ImputeJob.Run(o, CliRun.Progress(r), ct);
            r.InvocationConfiguration.Output.Write(ImputeJob.Summary(result, o.OutputDir));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
