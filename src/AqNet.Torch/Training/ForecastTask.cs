using System.Text.Json;
using AqNet.Torch.Nn;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>The forecasters' part of training (AQ-Net, LSTM, PatchTST): each epoch a seeded shuffle of the training
/// windows cut into batches, the masked MSE of the horizons, and the masked MSE and MAE (µg/m³) on at most
/// <see cref="TrainOptions.MaxValidationWindows"/> evenly spaced validation windows.</summary>
internal sealed class ForecastTask(ForecastModel model, string kind, WindowTensors train, WindowTensors? validation,
    float targetStd, TrainOptions options, int seed, string fingerprint) : ITrainingTask<(Tensor X, Tensor Y, Tensor Mask)>, IDisposable
{
    private Tensor? order;

    public string Kind => kind;
    public string Label => "";
    public string Shape => ShapeOf(model.Options);
    public string Fingerprint => fingerprint;
    public bool LossPerSample => true;

    public int BeginEpoch(int epoch)
    {
        order?.Dispose();
        order = tensor(Shuffle(train.N, seed, epoch));      // [N] int64
        return (train.N + options.BatchSize - 1) / options.BatchSize;
    }

    public (Tensor X, Tensor Y, Tensor Mask) NextTrainBatch(int epoch, int step, Random rng)
    {
        var start = (long)step * options.BatchSize;
        return train.Batch(order!.narrow(0, start, Math.Min(options.BatchSize, train.N - start)));
    }

    public (Tensor Loss, int Samples) ForwardLoss((Tensor X, Tensor Y, Tensor Mask) batch, Random rng) =>
        (MaskedLoss.Mse(model.forward(batch.X), batch.Y, batch.Mask), (int)batch.X.shape[0]);   // pred: [B, H]

    public ValidationScore? Validate()
    {
        if (validation is null) return null;
        var (mse, mae) = Evaluation.Evaluate(model, validation, targetStd, options.EvalBatchSize);
        return new ValidationScore(mse, mae);
    }

    /// <summary>Fisher–Yates with a generator seeded from (seed, epoch): the same order on every run and after a resume.</summary>
    internal static long[] Shuffle(int n, int seed, int epoch)
    {
        var rng = new Random(unchecked(seed * 1_000_003 + epoch));
        var order = new long[n];
        for (var i = 0; i < n; i++) order[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    // null and no feature indices are the same model
    private static string ShapeOf(AqNetOptions o) =>
        JsonSerializer.Serialize(o with { FeatureIndices = o.FeatureIndices is { Length: > 0 } f ? f : null }, CheckpointInfo.Json);

    public void Dispose() => order?.Dispose();
}
