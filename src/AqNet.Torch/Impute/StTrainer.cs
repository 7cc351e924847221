using System.Diagnostics;
using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Impute;

/// <summary>Trains <see cref="StModel"/>: AdamW on the pinball loss of hidden observations (scaled), a moving average
/// of the weights, early stopping on the validation points' MAE in µg/m³ (the best averaged weights are kept).</summary>
internal static class StTrainer
{
    public static IReadOnlyList<(int Epoch, double Loss, double ValidationMae, double Seconds)> Fit(StModel model, StGraph graph, bool[] input,
        int[] starts, int[] targets, StTrainOptions o, Func<double> validate, IProgress<string>? progress, CancellationToken ct)
    {
        if (starts.Length == 0) throw new InputException($"the training hours hold no complete {model.Options.Window} h window; expected a longer training part");
        if (targets.Length == 0) throw new InputException("no located station to train on");
        manual_seed(o.Seed);
        var rng = new Random(o.Seed);
        var parameters = model.parameters().ToArray();
        using var optimizer = optim.AdamW(parameters, o.LearningRate, weight_decay: o.WeightDecay);
        using var average = o.AverageDecay > 0 ? new WeightAverage(parameters, o.AverageDecay) : null;
        using var quantiles = tensor(StOptions.Quantiles);
        var (n, w) = (model.Options.Neighbours + 1, model.Options.Window);
        var batch = new StBatch(o.BatchSize, n, w, graph.C);
        var history = new List<(int, double, double, double)>();
        using var best = new BestWeights(parameters);
        var bad = 0;
        for (var epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            model.train();
            double sum = 0;
            for (var step = 0; step < o.StepsPerEpoch; step++)
            {
                ct.ThrowIfCancellationRequested();
                var cells = o.OnBatch is null ? null : new List<(int, int)>();
                for (var b = 0; b < o.BatchSize; b++)
                {
                    var s = targets[rng.Next(targets.Length)];
                    // Half the samples copy the network's real gaps from another training window, half get synthetic ones.
                    var hide = rng.NextDouble() < o.RealPatternShare ? StMasking.Real(graph, input, s, starts[rng.Next(starts.Length)], n, w) : StMasking.Draw(n, w, rng);
                    StFeatures.Fill(graph, input, batch, b, s, starts[rng.Next(starts.Length)], hide, cells);
                }
                if (cells is not null) o.OnBatch!(new StBatchInfo(cells));
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var (x, t, present, y, m) = StTensors.Of(batch, o.BatchSize);
                var loss = StTensors.Pinball(model.forward(x, t, present), y, m, quantiles);
                loss.backward();
                if (o.ClipNorm > 0) GradientClip.ByGlobalNorm(parameters, o.ClipNorm);
                optimizer.step();
                average?.Update();
                sum += loss.item<float>();
            }
            average?.Swap();   // validate and keep the averaged weights; train on from the iterate
            model.eval();
            var mae = validate();
            history.Add((epoch, sum / o.StepsPerEpoch, mae, clock.Elapsed.TotalSeconds));
            progress?.Report($"aqnet-st epoch {epoch}: loss {Fmt.F(sum / o.StepsPerEpoch, 4)}, validation MAE {Fmt.F(mae, 2)} µg/m³, {Fmt.F(clock.Elapsed.TotalSeconds, 1)} s");
            if (best.Offer(mae)) bad = 0;
            else if (o.Patience > 0 && ++bad >= o.Patience) { average?.Swap(); break; }
            average?.Swap();
        }
        best.Restore();
        model.eval();
        return history;
    }
}
