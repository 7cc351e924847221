using AqNet.Torch.Nn;
using AqNet.Torch.Training;

namespace AqNet.Torch.Spatial;

/// <summary>What one training batch touched, for checks and logs: station ids whose windows were encoded, whose
/// observations were targets, and which served as neighbours; hours are panel indices of the visible panel.</summary>
public sealed record KnnBatchInfo(IReadOnlyList<int> Hours, IReadOnlyList<string> InputStations,
    IReadOnlyList<string> TargetStations, IReadOnlyList<string> NeighbourStations, int K);

/// <summary>Training schedule of the neural kNN. An "epoch" is <see cref="StepsPerEpoch"/> batches of
/// <see cref="BatchHours"/> random training hours; each batch encodes every visible station once per hour and uses
/// every visible station as a pseudo-hidden target (excluded from its own neighbours), so one batch holds
/// BatchHours × stations targets. Early stopping on the validation loss keeps the best weights. The loop itself is the
/// <see cref="TrainingEngine"/>'s (<see cref="Engine"/> gives its options).</summary>
public sealed record NeuralKnnTrainOptions
{
    public int Epochs { get; init; } = 12;
    public int StepsPerEpoch { get; init; } = 150;
    public int Patience { get; init; } = 3;
    /// <summary>Hours per batch (the paper's batch 32: each hour gives one target per visible station).</summary>
    public int BatchHours { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>Max global gradient norm; 0 = off.</summary>
    public double ClipNorm { get; init; } = 1.0;
    public int Seed { get; init; }
    /// <summary>Decay per step of the moving average of the weights used for validation and kept as the model
    /// (see <see cref="Training.WeightAverage"/>); 0 = the last iterate.</summary>
    public double AverageDecay { get; init; } = 0.99;
    /// <summary>Torch intra-op threads; 0 = leave torch's setting alone.</summary>
    public int Threads { get; init; }
    /// <summary>At most this many validation hours are scored (evenly spaced) per epoch.</summary>
    public int ValidationHours { get; init; } = 600;
    /// <summary>Training loss on the scaled targets: masked MSE (the default, as the temporal models) or masked MAE.</summary>
    public KnnLoss Loss { get; init; } = KnnLoss.Mse;
    /// <summary>Probability that a station's observation at an hour is hidden from its neighbours in a training batch
    /// (it stays a target): augments the few training geometries of a small network. 0 = off.</summary>
    public double NeighbourDropout { get; init; }
    /// <summary>Called with every training batch (tests assert that hidden stations never appear).</summary>
    public Action<KnnBatchInfo>? OnBatch { get; init; }

    /// <summary>The engine's options for this schedule: clipping as nn.utils.clip_grad_norm_, and torch seeded by the
    /// caller before the model is built (not again when training starts).</summary>
    internal TrainOptions Engine() => new()
    {
        Epochs = Epochs, BatchSize = BatchHours, LearningRate = LearningRate, WeightDecay = WeightDecay, ClipNorm = ClipNorm,
        Clipping = ClipMethod.Torch, Patience = Patience, Seed = Seed, SeedTorch = false, Threads = Threads,
        AverageDecay = AverageDecay, SaveResumeState = false,
    };

    public void Validate()
    {
        Guard.AtLeast(Epochs, 1, nameof(Epochs));
        Guard.AtLeast(StepsPerEpoch, 1, nameof(StepsPerEpoch));
        Guard.AtLeast(Patience, 0, nameof(Patience));
        Guard.AtLeast(BatchHours, 1, nameof(BatchHours));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        Guard.NonNegative(ClipNorm, nameof(ClipNorm));
        Guard.AtLeast(Threads, 0, nameof(Threads));
        Guard.AtLeast(ValidationHours, 1, nameof(ValidationHours));
        Guard.Decay(AverageDecay, nameof(AverageDecay));
        Guard.Probability(NeighbourDropout, nameof(NeighbourDropout));
    }
}

public enum KnnLoss { Mse, Mae }
