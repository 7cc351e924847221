using System.CommandLine;
using AqNet.Torch.Nn;
using AqNet.Torch.Training;
using AqNet.Torch.Jobs.Train;

namespace AqNet.Cli.Commands;

public static class TrainCommand
{
    public static Command Create()
    {
        var store = StoreOptions.Store();
        var output = new Option<string>("--out") { Description = "The model folder: model.ckpt, epochs.csv and resume state (`aqnet evaluate --model` reads it).", Required = true };
        var architecture = new Option<string>("--architecture") { Description = "The network to train: aqnet, aqnet-no-ce, lstm or patchtst.", DefaultValueFactory = _ => "aqnet" };
        var protocol = new Option<string>("--protocol") { Description = "table1 or table2 (windows and split as in `experiment temporal`).", DefaultValueFactory = _ => "table1" };
        var horizon = new Option<int?>("--horizon") { Description = "Horizon in steps (hours for table1, days for table2); default the longest." };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs (early stopping on validation loss).", DefaultValueFactory = _ => 20 };
        var batches = new Option<int>("--batches-per-epoch") { Description = "Batches of 32 per epoch (0 = all windows).", DefaultValueFactory = _ => 600 };
        var lr = new Option<double>("--lr") { Description = "AdamW learning rate.", DefaultValueFactory = _ => 1e-3 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same model.", DefaultValueFactory = _ => 0 };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from its last complete epoch." };
        var met = new Option<bool>("--meteorology") { Description = "Add meteorological inputs." };
        var noSkip = new Option<bool>("--no-linear-skip") { Description = "Without the linear path from the recent window to the horizon (the paper's network)." };
        var cmd = new Command("train", "Train one neural model and write a checkpoint (weights, options, scalers, stations, data fingerprint).")
        {
            store, output, architecture, protocol, horizon, epochs, batches, lr, seed, resume, met, noSkip,
        };
        cmd.SetAction((r, ct) =>
        {
            var o = new TrainJobOptions
            {
                StorePath = r.GetValue(store)!, OutputDir = r.GetValue(output)!, Model = ModelFactory.Parse(r.GetValue(architecture)), Protocol = r.GetValue(protocol)!,
                Horizon = r.GetValue(horizon), Meteorology = r.GetValue(met), LinearSkip = !r.GetValue(noSkip),
                Train = new TrainOptions { Epochs = r.GetValue(epochs), MaxBatchesPerEpoch = r.GetValue(batches), LearningRate = r.GetValue(lr), Seed = r.GetValue(seed), Resume = r.GetValue(resume), Patience = 4 },
            };
            r.InvocationConfiguration.Output.Write(TrainJob.Train(o, CliRun.Progress(r), ct));
            return Task.FromResult(0);
        });
        return cmd;
    }

    public static Command Evaluate()
    {
        var store = StoreOptions.Store();
        var model = new Option<string>("--model") { Description = "A model folder written by `aqnet train --out` (or the model.ckpt in it).", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON (the run, the model, and MAE, RMSE, R² and n per aggregation)." };
        var cmd = new Command("evaluate", "Score a trained model on the test part of a store (refuses a model trained on another store).") { store, model, json };
        cmd.SetAction(r =>
        {
            var report = TrainJob.Evaluate(r.GetValue(model)!, r.GetValue(store)!, CliRun.CommandLine(r));
            r.InvocationConfiguration.Output.Write(r.GetValue(json) ? report.Json() : report.Text());
            return 0;
        });
        return cmd;
    }
}
