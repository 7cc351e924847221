using AqNet.Core.Data;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

public sealed partial class TrainingEngine
{
    /// <summary>Counters of a run and its batch generator; the best weights are kept as serialized bytes (small models,
    /// few improvements), so they go into the resume file as they are.</summary>
    private sealed class RunState(CountingRandom random)
    {
        public CountingRandom Random { get; } = random;
        public int NextEpoch { get; set; }
        public int BestEpoch { get; set; }
        public double BestLoss { get; set; } = double.PositiveInfinity;
        public int BadEpochs { get; set; }
        public List<EpochRecord> History { get; } = [];
        public byte[]? BestWeights { get; set; }

        public bool Stopped(int patience) => patience > 0 && BadEpochs >= patience;

        public void EndEpoch(nn.Module model, EpochRecord record, KeptWeights keep)
        {
            History.Add(record);
            NextEpoch = record.Epoch;
            if (keep == KeptWeights.Last || record.ValidationLoss < BestLoss) // NaN never improves
            {
                BestLoss = record.ValidationLoss;
                BestEpoch = record.Epoch;
                using var ms = new MemoryStream();
                model.save(ms);
                BestWeights = ms.ToArray();
                BadEpochs = 0;
            }
            else BadEpochs++;
        }

        public void RestoreBest(nn.Module model)
        {
            if (BestWeights is null) return;
            using var ms = new MemoryStream(BestWeights);
            model.load(ms);
        }
    }

    private RunState StartOrResume<TBatch>(ITrainingTask<TBatch> task, int seed, string? workDir, IProgress<string>? progress)
    {
        var path = workDir is null ? null : Path.Combine(workDir, ResumeState.FileName);
        if (!options.Resume || path is null || !File.Exists(path)) return Fresh(seed);
        var expected = new ResumeIdentity(task.Kind, task.Shape, task.Fingerprint, seed);
        if (ResumeState.Load(path, expected, model, optimizer, out var discarded) is not { } loaded)
        {
            progress?.Report($"warning: not resuming: {discarded}; training {task.Kind} from the start (the file is replaced after the first epoch)");
            return Fresh(seed);
        }
        var (h, best, averaged) = loaded;
        if (average is not null && averaged is not null) average.Restore(model, averaged, h.AverageSteps);
        var run = new RunState(new CountingRandom(seed, h.RandomDraws))
        {
            NextEpoch = h.NextEpoch, BestEpoch = h.BestEpoch, BestLoss = h.BestLoss, BadEpochs = h.BadEpochs, BestWeights = best,
        };
        run.History.AddRange(h.History);
        progress?.Report($"resuming {task.Kind} from {path} after epoch {h.NextEpoch.ToString(Fmt.Inv)} of {options.Epochs.ToString(Fmt.Inv)}");
        return run;
    }

    private RunState Fresh(int seed)
    {
        if (options.SeedTorch) manual_seed(seed);
        return new RunState(new CountingRandom(seed));
    }

    private void Persist<TBatch>(RunState run, ITrainingTask<TBatch> task, int seed, string? workDir)
    {
        if (workDir is null) return;
        EpochLog.Write(workDir, run.History);
        if (!options.SaveResumeState) return;
        var header = new ResumeHeader
        {
            Identity = new ResumeIdentity(task.Kind, task.Shape, task.Fingerprint, seed),
            NextEpoch = run.NextEpoch,
            BestEpoch = run.BestEpoch,
            BestLoss = run.BestLoss,
            BadEpochs = run.BadEpochs,
            History = run.History,
            TorchRng = ResumeState.TorchRngBase64(),
            RandomDraws = run.Random.Draws,
            AverageSteps = average?.Steps ?? 0,
            CreatedUtc = Fmt.Utc(DateTime.UtcNow),
        };
        ResumeState.Save(Path.Combine(workDir, ResumeState.FileName), header, model, optimizer, run.BestWeights, average?.Serialize(model));
    }
}
