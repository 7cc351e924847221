using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>What a model gives the <see cref="TrainingEngine"/>: its batches, its forward pass with its masked loss, and
/// its validation score. Everything else (optimiser, schedule, clipping, weight average, early stopping, seeds,
/// checkpoints and resume, progress) is the engine's, the same for every model.</summary>
/// <typeparam name="TBatch">One training batch as the task describes it (tensors, or host arrays it turns into tensors).</typeparam>
public interface ITrainingTask<TBatch>
{
    /// <summary>The model kind (aqnet, lstm, aqnet-knn, aqnet-st): a resume file of another kind is refused.</summary>
    string Kind { get; }

    /// <summary>Written before "epoch N:" in progress lines ("" for the forecasters, whose lines start with "epoch").</summary>
    string Label { get; }

    /// <summary>The model's shape (its options as JSON): a resume file of another shape is refused.</summary>
    string Shape { get; }

    /// <summary>The training data's identity: a resume file of other data is refused.</summary>
    string Fingerprint { get; }

    /// <summary>True: the epoch's training loss is the mean over samples (batches weighted by their size); false: the
    /// mean over batches.</summary>
    bool LossPerSample { get; }

    /// <summary>Called at the start of each 0-based epoch with the model in train mode; returns the batches it has.</summary>
    int BeginEpoch(int epoch);

    /// <summary>The next training batch. Host-side sampling draws from <paramref name="rng"/>, the engine's seeded
    /// generator (its position is part of the resume state). Tensors made here are freed after the step.</summary>
    TBatch NextTrainBatch(int epoch, int step, Random rng);

    /// <summary>Forward pass and masked loss of a batch: a scalar tensor and the number of samples in the batch.</summary>
    (Tensor Loss, int Samples) ForwardLoss(TBatch batch, Random rng);

    /// <summary>The validation score, lower is better (NaN is never best), computed with the averaged weights and the
    /// model in eval mode; null when there is no validation data (the engine then early-stops on the training loss).</summary>
    ValidationScore? Validate();
}

/// <summary>A validation result: the score early stopping compares and, where the task has it, a MAE in µg/m³.</summary>
public readonly record struct ValidationScore(double Score, double MaeUgm3);
