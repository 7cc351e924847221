using AqNet.Torch.Nn;

namespace AqNet.Torch.Impute;

/// <summary>Shape of the reanalysis model "aqnet-st": a window of <see cref="Window"/> hours around the estimated hours
/// (both sides), the target and its <see cref="Neighbours"/> nearest stations, <see cref="Hidden"/> features per node
/// and hour. See docs/reanalysis-model.md.</summary>
public sealed record StOptions
{
    public int Window { get; init; } = 36;
    public int Neighbours { get; init; } = 8;
    public int Hidden { get; init; } = 64;
    public int Heads { get; init; } = 4;
    public double Dropout { get; init; } = 0.1;
    /// <summary>Gaps up to this many hours get linear interpolation in time as the base estimate; longer ones the
    /// neighbours'. Chosen on each task's validation points (as the hybrid baseline chooses it) when the model is fitted.</summary>
    public int ShortGapHours { get; init; } = 6;
    /// <summary>Node inputs per hour: value, mask, is-target, distance, bearing sin/cos, linear fill in time and its flag,
    /// inverse-distance estimate from the other nodes and its flag, the base estimate the output corrects, the length
    /// of the gap and the distance to its nearest observation (log hours, scaled to 1 at a week), and the departure fill
    /// (the linear fill plus the other nodes' departures from their own line across the gap) and its flag, and for the
    /// target its regression on the neighbours at the same hour learnt from its own history and its flag.</summary>
    public const int NodeFeatures = 17;
    /// <summary>Index of the base estimate among the node features.</summary>
    public const int BaseFeature = 10;
    /// <summary>The quantiles the head predicts; the median is the estimate, the outer two bound the 90% interval.</summary>
    public static readonly float[] Quantiles = [0.05f, 0.5f, 0.95f];

    public void Validate()
    {
        Guard.AtLeast(Window, 4, nameof(Window));
        Guard.AtLeast(Neighbours, 1, nameof(Neighbours));
        Guard.AtLeast(Hidden, 8, nameof(Hidden));
        Guard.AtLeast(Heads, 1, nameof(Heads));
        Guard.AtLeast(ShortGapHours, 0, nameof(ShortGapHours));
        if (Hidden % Heads != 0) throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"heads = {Heads} must divide hidden = {Hidden}");
        Guard.Probability(Dropout, nameof(Dropout));
    }
}

/// <summary>Training schedule of aqnet-st. An epoch is <see cref="StepsPerEpoch"/> batches of <see cref="BatchSize"/>
/// random (station, window) samples from the training hours, each with observed values hidden in one of the patterns
/// real networks show. The learning rate falls on a cosine over the epochs and the last (averaged) weights are kept:
/// validation points are scored after every epoch and shown, but they are too few and too unlike the test hours on some
/// networks to choose an epoch by (see docs/reanalysis-model.md).</summary>
public sealed record StTrainOptions
{
    public int Epochs { get; init; } = 12;
    public int StepsPerEpoch { get; init; } = 150;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 2e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public double ClipNorm { get; init; } = 1.0;
    public int Patience { get; init; } = 4;
    public Training.LrSchedule Schedule { get; init; } = Training.LrSchedule.Cosine;
    public double MinLearningRate { get; init; } = 1e-4;
    /// <summary>The last epoch's weights (the default), or the best by validation MAE with early stopping after
    /// <see cref="Patience"/> epochs without a better one.</summary>
    public Training.KeptWeights Keep { get; init; } = Training.KeptWeights.Last;
    public double AverageDecay { get; init; } = 0.99;
    public int Seed { get; init; }
    /// <summary>Share of training samples whose gaps copy the network's real gaps from another training window (the rest
    /// get synthetic patterns).</summary>
    public double RealPatternShare { get; init; } = 0.5;
    /// <summary>At most this many validation points are scored per epoch (evenly spaced; the protocol's own validation
    /// set first). The score is shown and kept in epochs.csv; with <see cref="Keep"/> = BestValidation it chooses the epoch.</summary>
    public int MaxValidationPoints { get; init; } = 5_000;
    /// <summary>Called with every training batch (tests assert that evaluation points never appear).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Action<StBatchInfo>? OnBatch { get; init; }

    /// <summary>Folder for epochs.csv and resume.ckpt, written after every epoch (null: none).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? WorkDir { get; init; }
    /// <summary>Continue from WorkDir/resume.ckpt when it exists.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Resume { get; init; }

    /// <summary>The training engine's options for this schedule.</summary>
    internal Training.TrainOptions Engine() => new()
    {
        Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate, WeightDecay = WeightDecay, ClipNorm = ClipNorm,
        Patience = Patience, AverageDecay = AverageDecay, Seed = Seed, Resume = Resume,
        Schedule = Schedule, MinLearningRate = MinLearningRate, Keep = Keep,
    };

    public StTrainOptions ForQuick() => this with { Epochs = Math.Min(Epochs, 3), StepsPerEpoch = Math.Min(StepsPerEpoch, 40) };

    public void Validate()
    {
        Guard.AtLeast(Epochs, 1, nameof(Epochs));
        Guard.AtLeast(StepsPerEpoch, 1, nameof(StepsPerEpoch));
        Guard.AtLeast(BatchSize, 1, nameof(BatchSize));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.Positive(MinLearningRate, nameof(MinLearningRate));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        Guard.NonNegative(ClipNorm, nameof(ClipNorm));
        Guard.AtLeast(Patience, 0, nameof(Patience));
        Guard.Decay(AverageDecay, nameof(AverageDecay));
        Guard.AtLeast(MaxValidationPoints, 1, nameof(MaxValidationPoints));
        Guard.Probability(RealPatternShare, nameof(RealPatternShare));
    }
}

/// <summary>The cells one training batch read: [hour, station] pairs whose values were inputs or targets.</summary>
public sealed record StBatchInfo(IReadOnlyList<(int Hour, int Station)> Cells);
