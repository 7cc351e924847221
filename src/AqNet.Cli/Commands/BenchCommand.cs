using System.CommandLine;
using AqNet.Torch.Bench;

namespace AqNet.Cli.Commands;

public static class BenchCommand
{
    public static Command Create()
    {
        var seq = new Option<int>("--seq") { Description = "Input window length (24 or 336).", DefaultValueFactory = _ => 24 };
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 32 };
        var hidden = new Option<int>("--hidden") { Description = "LSTM hidden size.", DefaultValueFactory = _ => 64 };
        var layers = new Option<int>("--layers") { Description = "LSTM layers.", DefaultValueFactory = _ => 2 };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => 4 };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per loop.", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0 = libtorch's default, one per core).", DefaultValueFactory = _ => 0 };
        var model = new Command("model", "Training and inference samples per second of the real AqNetModel and trainer step, beside a bare TorchSharp loop of the same shapes.")
        {
            seq, batch, hidden, layers, heads, seconds, threads,
        };
        model.SetAction(r =>
        {
            AqNet.Torch.Runtime.TorchRuntime.EnsureLoaded();
            if (r.GetValue(threads) > 0) TorchSharp.torch.set_num_threads(r.GetValue(threads));
            var result = ModelBench.Run(r.GetValue(seq), r.GetValue(batch), r.GetValue(hidden), r.GetValue(layers), r.GetValue(heads), r.GetValue(seconds));
            r.InvocationConfiguration.Output.WriteLine(result.ToString());
            return 0;
        });
        return new Command("bench", "Benchmarks (speed is measured here, never in unit tests).") { model, St(threads) };
    }

    private static Command St(Option<int> threads)
    {
        var window = new Option<int>("--window") { Description = "Hours in a window (both sides of the estimated hours).", DefaultValueFactory = _ => 36 };
        var neighbours = new Option<int>("--neighbours") { Description = "Neighbour stations per target (fewer than 12).", DefaultValueFactory = _ => 8 };
        var hidden = new Option<int>("--hidden") { Description = "Features per node and hour.", DefaultValueFactory = _ => 64 };
        var heads = new Option<int>("--heads") { Description = "Attention heads.", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch") { Description = "Samples per batch.", DefaultValueFactory = _ => 64 };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per loop.", DefaultValueFactory = _ => 10 };
        var st = new Command("st", "Training samples per second of aqnet-st through the training engine, beside a bare TorchSharp loop of the same model and shapes.")
        {
            window, neighbours, hidden, heads, batch, seconds, threads,
        };
        st.SetAction(r =>
        {
            AqNet.Torch.Runtime.TorchRuntime.EnsureLoaded();
            if (r.GetValue(threads) > 0) TorchSharp.torch.set_num_threads(r.GetValue(threads));
            var result = StBench.Run(r.GetValue(window), r.GetValue(neighbours), r.GetValue(hidden), r.GetValue(heads), r.GetValue(batch), r.GetValue(seconds));
            r.InvocationConfiguration.Output.WriteLine(result.ToString());
            return 0;
        });
        return st;
    }
}
