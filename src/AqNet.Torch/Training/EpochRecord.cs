using System.Text;
using AqNet.Core.Data;

namespace AqNet.Torch.Training;

/// <summary>One epoch of any model: the training loss (the task's, scaled units), the validation score early stopping
/// compares (the forecasters' and the neural kNN's masked loss in scaled units, aqnet-st's MAE), the validation MAE in
/// µg/m³ where the task has one (NaN otherwise), wall time and learning rate.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double ValidationMaeUgm3, double Seconds, double LearningRate);

/// <summary>The result of <see cref="TrainingEngine.Fit{TBatch}"/>; the model holds the best validation weights afterwards.</summary>
public sealed record TrainResult(IReadOnlyList<EpochRecord> History, int BestEpoch, double BestValidationLoss, bool StoppedEarly, int? ResumedAfterEpoch)
{
    public int EpochsCompleted => History.Count == 0 ? 0 : History[^1].Epoch;
}

/// <summary>WorkDir/epochs.csv, rewritten atomically from the whole history each epoch so a resumed run never has
/// duplicated or half-written rows.</summary>
public static class EpochLog
{
    public const string FileName = "epochs.csv";

    public static void Write(string workDir, IReadOnlyList<EpochRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sb = new StringBuilder("epoch,train_loss,val_loss,val_mae_ugm3,seconds\n");
        foreach (var e in history)
            sb.Append(e.Epoch.ToString(Fmt.Inv)).Append(',').Append(Fmt.D(e.TrainLoss, "G6")).Append(',')
              .Append(Fmt.D(e.ValidationLoss, "G6")).Append(',').Append(Fmt.D(e.ValidationMaeUgm3, "G6")).Append(',')
              .Append(Fmt.F(e.Seconds, 2)).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        Core.Data.AtomicFile.Write(Path.Combine(workDir, FileName), s => s.Write(bytes));
    }
}
