using AqNet.Core.Experiments;
using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;
using static TorchSharp.torch;

namespace AqNet.Torch.Bench;

/// <summary>Measures training and inference throughput of the real AqNetModel + Trainer.TrainStep against
/// <see cref="BareLoop"/> on the same synthetic data (F = 18 features, horizon 24), batches drawn the same way.
/// The two run in alternating slices of a quarter second, so load from other processes hits both alike.</summary>
public static class ModelBench
{
    public const int Features = 18;
    public const int Horizon = 24;

    /// <summary>seconds: measuring time per side and per phase (training, inference).</summary>
    public static BenchResult Run(int seq, int batch, int hidden, int layers, int heads, double seconds)
    {
        var options = new AqNetOptions { InputFeatures = Features, Horizon = Horizon, Window = seq, Hidden = hidden, Layers = layers, Heads = heads };
        try
        {
            Guard.AtLeast(seq, 2, nameof(seq));
            Guard.AtLeast(batch, 1, nameof(batch));
            Guard.Positive(seconds, nameof(seconds));
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new Core.Data.InputException($"bench model: {e.Message}", e);
        }
        TorchRuntime.EnsureLoaded();
        manual_seed(1);
        using var data = new WindowTensors(Synthetic(Math.Max(batch * 32, 512), seq));
        using var model = new AqNetModel(options);
        using var trainer = new Trainer(model, TemporalModels.Name(TemporalModelKind.Aqnet), new TrainOptions { BatchSize = batch });
        using var bare = new BareLoop(Features, hidden, layers, heads, Horizon, options.Dropout);
        using var adam = optim.AdamW(bare.parameters(), 1e-3, weight_decay: 1e-2);
        float BareStep(Tensor x, Tensor y)
        {
            using var scope = NewDisposeScope();
            adam.zero_grad();
            var loss = nn.functional.mse_loss(bare.forward(x), y);
            loss.backward();
            adam.step();
            return loss.item<float>();
        }
        model.train();
        bare.train();
        var (productTrain, bareTrain) = Interleave(data, batch, seconds, (x, y, m) => trainer.TrainStep(x, y, m), (x, y, _) => BareStep(x, y));
        model.eval();
        bare.eval();
        using var noGrad = no_grad();
        var (productInfer, bareInfer) = Interleave(data, batch, seconds, (x, _, _) => Infer(model, x), (x, _, _) => Infer(bare, x));
        return new BenchResult(seq, batch, hidden, layers, heads, get_num_threads(), productTrain, bareTrain, productInfer, bareInfer);
    }

    private static float Infer(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var scope = NewDisposeScope();
        return model.forward(x).sum().item<float>();
    }

    // Samples per second of a and b on the same random batches, interleaved.
    private static (double A, double B) Interleave(WindowTensors data, int batch, double seconds,
        Func<Tensor, Tensor, Tensor, float> a, Func<Tensor, Tensor, Tensor, float> b) =>
        Interleaved.Run(() => Step(data, batch, a), () => Step(data, batch, b), seconds);

    private static long Step(WindowTensors data, int batch, Func<Tensor, Tensor, Tensor, float> step)
    {
        using var scope = NewDisposeScope();
        var idx = randint(data.N, [batch], dtype: ScalarType.Int64);
        var (x, y, m) = data.Batch(idx);
        step(x, y, m);
        return batch;
    }

    private static WindowSet Synthetic(int n, int w)
    {
        var names = Enumerable.Range(0, Features).Select(i => $"met:f{i}").ToArray();
        var set = new WindowSet(n, w, Features, Horizon, names);
        var rng = new Random(3);
        for (var i = 0; i < set.X.Length; i++) set.X[i] = (float)(rng.NextDouble() * 2 - 1);
        for (var i = 0; i < set.Y.Length; i++) { set.Y[i] = (float)(rng.NextDouble() * 2 - 1); set.YMask[i] = 1; }
        return set;
    }
}
