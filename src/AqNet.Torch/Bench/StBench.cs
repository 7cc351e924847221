using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Bench;

/// <summary>aqnet-st's training step through the <see cref="TrainingEngine"/> (the task samples each batch: stations,
/// windows and gap patterns, host arrays to tensors; then forward, pinball loss, backward, clipping, AdamW, the weight
/// average) beside a bare TorchSharp loop of the same model and shapes (zero_grad, forward, pinball loss, backward,
/// AdamW on one fixed batch already in tensors). The ratio is what the engine and the batch sampling cost.</summary>
public static class StBench
{
    private const int Stations = 12;
    private const int Hours = 24 * 30;

    public static StBenchResult Run(int window, int neighbours, int hidden, int heads, int batch, double seconds)
    {
        if (neighbours >= Stations)
            throw new InputException($"--neighbours {neighbours.ToString(Fmt.Inv)}: expected fewer than {Stations.ToString(Fmt.Inv)} (the stations of the benchmark's synthetic network)");
        var options = new StOptions { Window = window, Neighbours = neighbours, Hidden = hidden, Heads = heads };
        try
        {
            Guard.AtLeast(batch, 1, nameof(batch));
            Guard.Positive(seconds, nameof(seconds));
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InputException($"bench st: {e.Message}", e);
        }
        TorchRuntime.EnsureLoaded();
        manual_seed(1);
        var imputeTask = ImputeProtocols.Build(Synthetic(), Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Point });
        var fold = imputeTask.Folds[0];
        var cells = ImputeViews.TrainingCells(imputeTask, fold);
        var kriging = new float[imputeTask.T * imputeTask.S];
        Array.Fill(kriging, float.NaN);   // no kriging base: the batch builder falls back to the other estimates
        var graph = new StGraph(imputeTask, fold.Hidden, neighbours, 60, 25, kriging, options.ShortGapHours);
        var starts = Enumerable.Range(0, imputeTask.T - window + 1)
            .Where(t0 => Enumerable.Range(t0, window).All(h => imputeTask.Roles[h] == HourRole.Train)).ToArray();
        var targets = Enumerable.Range(0, imputeTask.S).ToArray();
        var train = new StTrainOptions { BatchSize = batch };

        using var model = new StModel(options);
        using var engine = new TrainingEngine(model, train.Engine());
        using var task = new StTrainer(model, graph, cells, starts, targets, train, () => double.NaN, "bench");
        var rng = new Random(2);
        var step = 0;

        using var bare = new StModel(options);
        using var adam = optim.AdamW(bare.parameters(), train.LearningRate, weight_decay: train.WeightDecay);
        using var quantiles = tensor(StOptions.Quantiles);
        var fixedBatch = task.NextTrainBatch(0, 0, rng);
        var (x, t, present, y, m) = StTensors.Of(fixedBatch, batch);
        long BareStep()
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var loss = StTensors.Pinball(bare.forward(x, t, present), y, m, quantiles);
            loss.backward();
            adam.step();
            loss.item<float>();
            return batch;
        }

        model.train();
        bare.train();
        var (engineRate, bareRate) = Interleaved.Run(() => engine.TrainBatch(task, 0, step++, rng).Samples, BareStep, seconds);
        foreach (var tensor in new[] { x, t, present, y, m }) tensor.Dispose();
        return new StBenchResult(window, neighbours, hidden, heads, batch, get_num_threads(), engineRate, bareRate);
    }

    // Stations 0.1° apart with a daily cycle, a west–east gradient and noise; 5% of hours missing.
    private static Panel Synthetic()
    {
        var rng = new Random(3);
        var stations = Enumerable.Range(0, Stations)
            .Select(i => new Station($"B{i}", $"B{i}", 116.0 + 0.1 * (i % 4), 39.8 + 0.1 * (i / 4))).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Hours, stations, [Variables.Pm25]);
        for (var h = 0; h < Hours; h++)
            for (var s = 0; s < Stations; s++)
                if (rng.NextDouble() > 0.05) p.Set(h, s, 0, (float)(60 + 25 * Math.Sin(2 * Math.PI * h / 24) + 5 * (s % 4) + 10 * rng.NextDouble()));
        return p;
    }
}
