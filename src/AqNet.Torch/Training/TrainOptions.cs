using AqNet.Torch.Nn;

namespace AqNet.Torch.Training;

/// <summary>Learning-rate schedule applied per epoch (computed from the epoch number, so resuming needs no state).</summary>
public enum LrSchedule
{
    Constant,
    /// <summary>Cosine from LearningRate down to MinLearningRate over Epochs.</summary>
    Cosine,
    /// <summary>Multiply by StepGamma every StepEpochs epochs.</summary>
    Step,
}

/// <summary>Which weights training ends with.</summary>
public enum KeptWeights
{
    /// <summary>The epoch with the best validation score (early stopping after Patience epochs without a better one).</summary>
    BestValidation,
    /// <summary>The last epoch's: the schedule runs to the end. For validation sets too small or too unlike the test part
    /// to choose an epoch by; validation is still scored and reported.</summary>
    Last,
}

/// <summary>How <see cref="TrainOptions.ClipNorm"/> is applied.</summary>
public enum ClipMethod
{
    /// <summary>One norm of all gradients concatenated (<see cref="GradientClip"/>), rescaled only above the limit.</summary>
    Concatenated,
    /// <summary>TorchSharp's nn.utils.clip_grad_norm_ (the norm of the per-tensor norms), as the neural kNN was tuned with.</summary>
    Torch,
}

/// <summary>The one set of training hyper-parameters of the <see cref="TrainingEngine"/>, for every model; defaults
/// follow the paper (AdamW, lr 1e-3, MSE, batch 32). The neural kNN and aqnet-st keep their own defaults in their
/// training records and map them here.</summary>
public sealed record TrainOptions
{
    public int Epochs { get; init; } = 50;
    public int BatchSize { get; init; } = 32;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-2;
    /// <summary>Max global gradient norm; 0 (the default, as in the paper) turns clipping off. Clipping costs about
    /// 4 % of a training step at W = 24.</summary>
    public double ClipNorm { get; init; }
    public ClipMethod Clipping { get; init; } = ClipMethod.Concatenated;
    /// <summary>Stop after this many epochs without a better validation loss; 0 = never stop early.</summary>
    public int Patience { get; init; } = 8;
    public KeptWeights Keep { get; init; } = KeptWeights.BestValidation;
    public LrSchedule Schedule { get; init; } = LrSchedule.Constant;
    public double MinLearningRate { get; init; } = 1e-5;
    public int StepEpochs { get; init; } = 10;
    public double StepGamma { get; init; } = 0.5;
    /// <summary>Seed for torch and the shuffling; null = the WindowContext's seed.</summary>
    public int? Seed { get; init; }
    /// <summary>Seed torch's generator when training starts (false: the caller seeded it before building the model and
    /// training continues from there, as the neural kNN does).</summary>
    public bool SeedTorch { get; init; } = true;
    /// <summary>Cap on batches per epoch (quick mode); 0 = all.</summary>
    public int MaxBatchesPerEpoch { get; init; }
    /// <summary>Torch intra-op threads; 0 = leave torch's setting alone.</summary>
    public int Threads { get; init; }
    /// <summary>Batch size for validation and prediction (no gradients, so larger is fine).</summary>
    public int EvalBatchSize { get; init; } = 1024;
    /// <summary>Validation windows scored per epoch for early stopping (evenly spaced; test metrics use every window).</summary>
    public int MaxValidationWindows { get; init; } = 8192;
    /// <summary>Decay per step of the moving average of the weights that validation, early stopping and the saved
    /// model use (<see cref="WeightAverage"/>); 0 = use the last iterate, as plain AdamW does.</summary>
    public double AverageDecay { get; init; } = 0.998;
    /// <summary>Continue from WorkDir/resume.ckpt when it exists.</summary>
    public bool Resume { get; init; }
    /// <summary>Write WorkDir/resume.ckpt after every epoch (needs a WorkDir).</summary>
    public bool SaveResumeState { get; init; } = true;

    public void Validate()
    {
        Guard.AtLeast(Epochs, 1, nameof(Epochs));
        Guard.AtLeast(BatchSize, 1, nameof(BatchSize));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.NonNegative(WeightDecay, nameof(WeightDecay));
        Guard.NonNegative(ClipNorm, nameof(ClipNorm));
        Guard.AtLeast(Patience, 0, nameof(Patience));
        Guard.Defined(Clipping, nameof(Clipping));
        Guard.Defined(Schedule, nameof(Schedule));
        Guard.NonNegative(MinLearningRate, nameof(MinLearningRate));
        Guard.AtLeast(StepEpochs, 1, nameof(StepEpochs));
        Guard.Positive(StepGamma, nameof(StepGamma));
        Guard.AtLeast(MaxBatchesPerEpoch, 0, nameof(MaxBatchesPerEpoch));
        Guard.AtLeast(Threads, 0, nameof(Threads));
        Guard.AtLeast(EvalBatchSize, 1, nameof(EvalBatchSize));
        Guard.Decay(AverageDecay, nameof(AverageDecay));
        Guard.AtLeast(MaxValidationWindows, 1, nameof(MaxValidationWindows));
    }

    /// <summary>The smoke-run variant used when WindowContext.Quick is set: at most 3 epochs of at most 50 batches.</summary>
    public TrainOptions ForQuick() => this with
    {
        Epochs = Math.Min(Epochs, 3),
        MaxBatchesPerEpoch = MaxBatchesPerEpoch > 0 ? Math.Min(MaxBatchesPerEpoch, 50) : 50,
    };

    /// <summary>Learning rate for a 0-based epoch under the schedule.</summary>
    public double LearningRateAt(int epoch) => Schedule switch
    {
        LrSchedule.Cosine => MinLearningRate + 0.5 * (LearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * epoch / Epochs)),
        LrSchedule.Step => LearningRate * Math.Pow(StepGamma, epoch / StepEpochs),
        _ => LearningRate,
    };
}
