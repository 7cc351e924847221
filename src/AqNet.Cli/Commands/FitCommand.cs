using System.CommandLine;
using AqNet.Torch.Impute;
using AqNet.Torch.Jobs.Fit;
using AqNet.Torch.Jobs.Reanalyze;

namespace AqNet.Cli.Commands;

/// <summary>`aqnet fit`: the production reanalysis model that `aqnet fill --model` uses.</summary>
public static class FitCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store("The store to train on: every station and every hour (validation gaps are hidden in 3 days of every 30).");
        var output = new Option<string>("--out") { Description = "Model folder: model.aqst (weights, settings, scaler, interval calibration; checksummed) and model.json.", Required = true };
        var from = new Option<string?>("--from") { Description = "First hour, UTC (default: the store's first hour)." };
        var to = new Option<string?>("--to") { Description = "Last hour, UTC, inclusive (default: the store's last hour)." };
        var evaluation = new Option<string?>("--evaluation") { Description = "The results.json of an `experiment impute` run that measured this model; copied into the folder as evaluation.json." };
        var quick = new Option<bool>("--quick") { Description = "A short training schedule, for a first look (the model says so in model.json)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs: the learning rate falls on a cosine over them and the last epoch's weights are kept." };
        var steps = new Option<int?>("--steps-per-epoch") { Description = "Batches per epoch." };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights and the training batches.", DefaultValueFactory = _ => 0 };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted fit from the --out folder's resume.ckpt (written with epochs.csv after every epoch)." };
        var cmd = new Command("fit", "Train the production reanalysis model (aqnet-st) on all stations and hours of a store, with its calibrated 90% interval.")
        {
            store, output, from, to, evaluation, quick, epochs, steps, seed, resume,
        };
        cmd.SetAction((r, ct) =>
        {
            var defaults = new StTrainOptions { Seed = r.GetValue(seed) };
            var train = defaults with { Epochs = r.GetValue(epochs) ?? defaults.Epochs, StepsPerEpoch = r.GetValue(steps) ?? defaults.StepsPerEpoch };
            var o = new FitOptions
            {
                StorePath = r.GetValue(store)!, OutputDir = r.GetValue(output)!,
                FromUtc = r.GetValue(from) is { } f ? ReanalyzeOptions.ParseUtc(f, "--from") : null,
                ToUtc = r.GetValue(to) is { } t ? ReanalyzeOptions.ParseUtc(t, "--to") : null,
                Train = r.GetValue(quick) ? train.ForQuick() : train, Quick = r.GetValue(quick),
                Evaluation = r.GetValue(evaluation), Resume = r.GetValue(resume), Command = CliRun.CommandLine(r),
            };
            r.InvocationConfiguration.Output.Write(FitJob.Run(o, CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }
}
