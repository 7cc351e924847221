using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Core.Spatial;
using AqNet.Core.Store;
using AqNet.Torch.Impute;

namespace AqNet.Torch.Jobs.Impute;

/// <summary>Options of `aqnet experiment impute`.</summary>
public sealed record ImputeJobOptions
{
    public required string StorePath { get; init; }
    public required string OutputDir { get; init; }
    public ImputeProtocolOptions Protocol { get; init; } = new();
    public IReadOnlyList<ImputeModelKind>? Models { get; init; }
    public int Seeds { get; init; } = 1;
    public StOptions Model { get; init; } = new();
    public StTrainOptions Train { get; init; } = new();
    /// <summary>The command line, recorded in results.json.</summary>
    public string Command { get; init; } = "";
}

/// <summary>`aqnet experiment impute`: builds the protocol's folds from the store and runs the baselines and the
/// reanalysis model through <see cref="ImputeExperiment"/>, writing DIR/results.json and DIR/report.md.</summary>
public static class ImputeJob
{
    public static readonly IReadOnlyList<ImputeModelKind> DefaultModels =
        [ImputeModelKind.Mean, ImputeModelKind.Linear, ImputeModelKind.Idw, ImputeModelKind.Kriging, ImputeModelKind.Hybrid, ImputeModelKind.Regression, ImputeModelKind.AqnetSt];

    public static ImputeResult Run(ImputeJobOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        if (o.Seeds < 1) throw new InputException($"--seeds {o.Seeds}: expected 1 or more");
        o.Model.Validate();
        ImputeTask task;
        using (var store = AqStore.OpenRead(o.StorePath))
        {
            var panel = PanelLoader.Load(store, null, [Variables.Pm25]);
            task = ImputeProtocols.Build(panel, Variables.Pm25, panel.UtcOffsetHours, o.Protocol);
        }
        progress?.Report($"{ImputeProtocolOptions.Name(task.Protocol.Kind)}: {task.S} stations × {task.T:N0} h; " +
                         $"{task.HoursWith(HourRole.Train):N0} training, {task.HoursWith(HourRole.Validation):N0} validation, {task.HoursWith(HourRole.Test):N0} test hours; " +
                         $"{task.Folds.Sum(f => f.Test.Eval.LongCount(b => b)):N0} test points in {task.Folds.Count} fold(s)");
        var seeds = Enumerable.Range(0, o.Seeds).ToArray();
        var specs = (o.Models ?? DefaultModels).Distinct().Select(k => Spec(k, o, progress)).ToArray();
        var result = ImputeExperiment.Run(task, specs, seeds, progress, ct);
        ImputeReport.Write(o.OutputDir, result, seeds, o.Command, o.StorePath);
        return result;
    }

    private static ImputeModelSpec Spec(ImputeModelKind k, ImputeJobOptions o, IProgress<string>? progress) => k switch
    {
        ImputeModelKind.Mean => new(k, _ => new MeanImputer(), false),
        ImputeModelKind.Linear => new(k, _ => new LinearImputer(), false),
        ImputeModelKind.Idw => new(k, _ => new SameHourImputer(new IdwInterpolator(), k), false),
        ImputeModelKind.Kriging => new(k, _ => new SameHourImputer(new KrigingInterpolator(), k), false),
        ImputeModelKind.Hybrid => new(k, _ => new HybridImputer(), false),
        ImputeModelKind.Regression => new(k, _ => new RegressionImputer(), false),
        ImputeModelKind.AqnetSt => new(k, seed => new StImputer(o.Model, o.Train with { Seed = seed }), true),
        _ => throw new InputException($"model {ImputeModels.Name(k)} is not available in `experiment impute`; expected one of {string.Join(", ", DefaultModels.Select(ImputeModels.Name))}"),
    };

    public static string Summary(ImputeResult r, string dir)
    {
        var lines = r.Rows.Where(x => x.IsPooled).Select(x =>
            $"{x.Model,-10} MAE {Fmt.F(x.Mae, 2),6}{(x.Seeds > 1 ? " ± " + Fmt.F(x.MaeStd, 2) : "")}  RMSE {Fmt.F(x.Rmse, 2),6}  coverage90 {Fmt.F(x.Coverage90, 3)}  width90 {Fmt.F(x.Width90, 1)}");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine + $"wrote {Path.Combine(dir, "results.json")} and report.md" + Environment.NewLine;
    }
}
