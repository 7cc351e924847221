using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Core.Store;
using AqNet.Torch.Impute;
using AqNet.Torch.Training;

namespace AqNet.Torch.Jobs.Fit;

/// <summary>Options of `aqnet fit`. Times are UTC hours, inclusive; null = the store's whole record.</summary>
public sealed record FitOptions
{
    public required string StorePath { get; init; }
    public required string OutputDir { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public StOptions Model { get; init; } = new();
    public StTrainOptions Train { get; init; } = new();
    /// <summary>An `experiment impute` results.json that measured this kind of model; copied into the model folder.</summary>
    public string? Evaluation { get; init; }
    public bool Quick { get; init; }
    /// <summary>Continue from OutputDir/resume.ckpt (the training engine writes it, with epochs.csv, after every epoch).</summary>
    public bool Resume { get; init; }
    public string? Command { get; init; }
}

/// <summary>`aqnet fit`: the production reanalysis model. Trains aqnet-st on every station and every hour of the store
/// except the validation hours of <see cref="ImputeProduction"/>, calibrates its 90% interval on the validation gaps
/// (and measures the coverage on half of them with the calibration fitted on the other half), and writes DIR/model.aqst,
/// DIR/model.json and, when given, DIR/evaluation.json; during training DIR/epochs.csv and DIR/resume.ckpt, from which
/// an interrupted fit continues with <see cref="FitOptions.Resume"/>.</summary>
public static class FitJob
{
    public static string Run(FitOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        o.Model.Validate();
        o.Train.Validate();
        var parent = Path.GetDirectoryName(Path.GetFullPath(o.OutputDir.TrimEnd('/', '\\')))!;
        if (!Directory.Exists(parent)) throw new InputException($"--out '{o.OutputDir}': folder '{parent}' does not exist");
        if (File.Exists(o.OutputDir)) throw new InputException($"--out '{o.OutputDir}' is a file; expected a folder for the model");
        var evaluation = o.Evaluation is null ? null : ReadEvaluation(o.Evaluation);
        if (o.FromUtc > o.ToUtc) throw new InputException($"--from {Fmt.Utc(o.FromUtc!.Value)} is after --to {Fmt.Utc(o.ToUtc!.Value)}; expected from <= to");
        ImputeTask task;
        using (var store = AqStore.OpenRead(o.StorePath))
        {
            var panel = PanelLoader.Load(store, null, [Variables.Pm25], o.FromUtc, o.ToUtc);
            task = ImputeProduction.Task(panel, Variables.Pm25, panel.UtcOffsetHours);
        }
        var fold = task.Folds[0];
        var val = fold.Validation[0];
        progress?.Report($"fit: {task.S} stations × {task.T:N0} h; {task.HoursWith(HourRole.Validation):N0} validation hours with {val.Eval.LongCount(b => b):N0} hidden points");
        using var model = new StImputer(o.Model, o.Train with { WorkDir = o.OutputDir, Resume = o.Resume });
        model.Fit(task, fold, progress, ct);

        progress?.Report("fit: the validation gaps, by the model and by the hybrid baseline");
        var view = ImputeViews.Validation(task, fold, val);
        var e = model.Estimate(view, val.Eval, ct);
        var hybrid = new HybridImputer();
        hybrid.Fit(task, fold, null, ct);
        var h = hybrid.Estimate(view, val.Eval, ct);
        var (coverage, width) = HeldOutCoverage(e, task.Truth, val.Eval);
        var calibration = IntervalCalibration.Fit(e, task.Truth, val.Eval);
        var info = new StModelInfo
        {
            Options = model.Options, Train = o.Train, Quick = o.Quick, Mean = model.Scaler.Mean, Std = model.Scaler.Std, Calibration = calibration,
            MeasuredCoverage = coverage, MeasuredWidth = width,
            ValidationMae = Mae(e, task.Truth, val.Eval), HybridValidationMae = Mae(h, task.Truth, val.Eval),
            ValidationPoints = val.Eval.LongCount(b => b),
            Stations = [.. task.Stations.Select(s => s.Id)], UtcOffsetHours = task.UtcOffsetHours,
            FirstHourUtc = Fmt.Utc(task.Panel.TimeAt(0)), LastHourUtc = Fmt.Utc(task.Panel.TimeAt(task.T - 1)),
            History = model.History,
            Store = Path.GetFullPath(o.StorePath), Command = o.Command, CreatedUtc = Fmt.Utc(DateTime.UtcNow),
            Version = typeof(FitJob).Assembly.GetName().Version?.ToString(),
        };
        Directory.CreateDirectory(o.OutputDir);
        StCheckpoint.Save(Path.Combine(o.OutputDir, StCheckpoint.FileName), model, info);
        Core.Data.AtomicFile.Write(Path.Combine(o.OutputDir, "model.json"), s => JsonSerializer.Serialize(s, info, CheckpointInfo.Json), "model description");
        if (evaluation is not null) Core.Data.AtomicFile.Write(Path.Combine(o.OutputDir, "evaluation.json"), s => s.Write(evaluation), "evaluation");
        return $"wrote {Path.Combine(o.OutputDir, StCheckpoint.FileName)} and model.json: validation MAE {Fmt.F(info.ValidationMae ?? double.NaN, 2)} µg/m³ " +
               $"(hybrid {Fmt.F(info.HybridValidationMae ?? double.NaN, 2)}) on {info.ValidationPoints:N0} hidden points; " +
               $"90% interval held {Fmt.F(100 * (coverage ?? double.NaN), 1)}% of held-out validation points, mean width {Fmt.F(width ?? double.NaN, 1)} µg/m³\n";
    }

    /// <summary>Calibrates on every other validation point (in [T, S] order) and scores the interval on the rest.</summary>
    private static (double? Coverage, double? Width) HeldOutCoverage(ImputeEstimates e, float[] truth, bool[] where)
    {
        var (fit, test) = (new bool[where.Length], new bool[where.Length]);
        var k = 0;
        for (var i = 0; i < where.Length; i++)
            if (where[i]) (k++ % 2 == 0 ? fit : test)[i] = true;
        if (!test.Any(b => b)) return (null, null);
        var copy = new ImputeEstimates((float[])e.Median.Clone(), (float[])e.Lower.Clone(), (float[])e.Upper.Clone());
        IntervalCalibration.Fit(copy, truth, fit).Apply(copy, test);
        var sums = new ImputeSums();
        for (var i = 0; i < where.Length; i++)
            if (test[i]) sums.Add(truth[i], copy.Median[i], copy.Lower[i], copy.Upper[i]);
        return (sums.Coverage, sums.Width);
    }

    private static double? Mae(ImputeEstimates e, float[] truth, bool[] where)
    {
        var sums = new ImputeSums();
        for (var i = 0; i < where.Length; i++)
            if (where[i] && float.IsFinite(e.Median[i])) sums.Add(truth[i], Math.Max(0, e.Median[i]), 0, 0);
        return sums.N > 0 ? sums.Mae : null;
    }

    private static byte[] ReadEvaluation(string path)
    {
        if (!File.Exists(path)) throw new InputException($"--evaluation '{path}' does not exist; expected the results.json of `aqnet experiment impute`");
        var bytes = File.ReadAllBytes(path);
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            if (!doc.RootElement.TryGetProperty("rows", out _)) throw new InputException($"--evaluation '{path}' has no \"rows\"; expected the results.json of `aqnet experiment impute`");
        }
        catch (JsonException e) { throw new InputException($"--evaluation '{path}' is not JSON ({e.Message}); expected the results.json of `aqnet experiment impute`", e); }
        return bytes;
    }
}
