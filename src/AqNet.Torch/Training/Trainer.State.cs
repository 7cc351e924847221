using AqNet.Core.Data;
using AqNet.Core.Windows;
using AqNet.Torch.Nn;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

public sealed partial class Trainer
{
    /// <summary>Counters of a run; the best weights are kept as serialized bytes (small models, few improvements).</summary>
    private sealed class RunState
    {
        public int NextEpoch { get; set; }
        public int BestEpoch { get; set; }
        public double BestLoss { get; set; } = double.PositiveInfinity;
        public int BadEpochs { get; set; }
        public List<EpochRecord> History { get; } = [];
        public byte[]? BestWeights { get; set; }

        public bool Stopped(int patience) => patience > 0 && BadEpochs >= patience;

        public void EndEpoch(ForecastModel model, EpochRecord record)
        {
            History.Add(record);
            NextEpoch = record.Epoch;
            if (record.ValidationLoss < BestLoss) // NaN never improves
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

        public void RestoreBest(ForecastModel model)
        {
            if (BestWeights is null) return;
            using var ms = new MemoryStream(BestWeights);
            model.load(ms);
        }
    }

    private RunState StartOrResume(WindowSet train, WindowContext context, int seed, string fingerprint, IProgress<string>? progress)
    {
        var path = context.WorkDir is null ? null : Path.Combine(context.WorkDir, ResumeState.FileName);
        if (!options.Resume || path is null || !File.Exists(path))
        {
            manual_seed(seed);
            return new RunState();
        }
        if (ResumeState.Load(path, Kind, fingerprint, model, optimizer, out var discarded) is not { } loaded)
        {
            progress?.Report($"warning: not resuming: {discarded}; training {Kind} from the start (the file is replaced after the first epoch)");
            manual_seed(seed);
            return new RunState();
        }
        var (h, best, averaged) = loaded;
        if (average is not null && averaged is not null) average.Restore(model, averaged, h.AverageSteps);
        var run = new RunState
        {
            NextEpoch = h.NextEpoch, BestEpoch = h.BestEpoch, BestLoss = h.BestLoss, BadEpochs = h.BadEpochs, BestWeights = best,
        };
        run.History.AddRange(h.History);
        progress?.Report($"resuming {Kind} from {path} after epoch {h.NextEpoch.ToString(Fmt.Inv)} of {options.Epochs.ToString(Fmt.Inv)}");
        return run;
    }

    private void Persist(RunState run, WindowContext context, string fingerprint, WindowSet train)
    {
        if (context.WorkDir is null) return;
        EpochLog.Write(context.WorkDir, run.History);
        if (!options.SaveResumeState) return;
        var header = new ResumeHeader
        {
            Checkpoint = Describe(Kind, model.Options, train, context, fingerprint, run.NextEpoch, run.History[^1].ValidationLoss),
            NextEpoch = run.NextEpoch,
            BestEpoch = run.BestEpoch,
            BestLoss = run.BestLoss,
            BadEpochs = run.BadEpochs,
            History = run.History,
            TorchRng = ResumeState.TorchRngBase64(),
            AverageSteps = average?.Steps ?? 0,
        };
        ResumeState.Save(Path.Combine(context.WorkDir, ResumeState.FileName), header, model, optimizer, run.BestWeights, average?.Serialize(model));
    }

    /// <summary>A checkpoint header for a model trained on train: target scaler, stations, feature names, fingerprint.</summary>
    public static CheckpointInfo Describe(string kind, AqNetOptions options, WindowSet train, WindowContext context,
        string fingerprint, int epoch, double? validationLoss) => new()
    {
        Kind = kind,
        Options = options,
        TargetMean = context.TargetMean,
        TargetStd = context.TargetStd,
        // Panel station ids when the context has them, else the station indices.
        Stations = [.. train.Station.Distinct().Order().Select(s => s < context.StationIds.Count ? context.StationIds[s] : s.ToString(Fmt.Inv))],
        FeatureNames = [.. train.FeatureNames],
        Fingerprint = fingerprint,
        Epoch = epoch,
        ValidationLoss = validationLoss,
        CreatedUtc = Fmt.Utc(DateTime.UtcNow),
    };
}
