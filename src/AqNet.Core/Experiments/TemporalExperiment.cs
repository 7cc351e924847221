using AqNet.Core.Data;
using AqNet.Core.Metrics;
using AqNet.Core.Splitting;
using AqNet.Core.Windows;

namespace AqNet.Core.Experiments;

/// <summary>What a run produced: the protocol description written to results.json and the rows.</summary>
public sealed record ExperimentResult(Protocol Protocol, TimeSplit Split, IReadOnlyDictionary<string, object?> ProtocolInfo,
    IReadOnlyList<ResultRow> Rows);

/// <summary>Runs a temporal protocol: one chronological split (gaps sized for the longest horizon, so every horizon
/// shares the same train/validation/test hours), scalers fitted on training hours, windows built once per horizon,
/// every model fitted per seed and scored on the test windows; then results.json, report.md and figures/.</summary>
public static class TemporalExperiment
{
    public static ExperimentResult Run(Panel panel, TemporalExperimentOptions o, IReadOnlyList<string> models,
        Func<string, int, IForecaster> factory, IProgress<string>? progress, CancellationToken ct)
    {
        o.Validate();
        if (models.Count == 0) throw new InputException("no models to run");
        var proto = Protocol.Get(o.Protocol);
        var split = TimeSplit.ByFraction(panel.Hours, proto.W, proto.Horizons.Max() * proto.StepHours,
            o.TrainFraction, o.ValidationFraction, o.TestFraction);
        var scaler = WindowBuilder.FitScaler(panel, split.Train);
        var figures = Path.Combine(o.OutputDir, "figures");
        Directory.CreateDirectory(figures);
        progress?.Report($"{proto.Name}: {panel.S} stations, {panel.Hours} hours; train {split.Train}, validation {split.Validation}, test {split.Test} (gap {split.Gap} h)");

        var rows = new List<ResultRow>();
        var counts = new Dictionary<string, object?>();
        IReadOnlyList<string> features = [];
        foreach (var horizon in proto.Horizons)
        {
            ct.ThrowIfCancellationRequested();
            var label = proto.Label(horizon);
            var wo = WindowOptionsFor(panel, o, proto, horizon);
            // The previous horizon's windows are garbage now; collect them before building the next ones, or the peak
            // holds up to three horizons' (the demo's peak with and without: docs/benchmarks.md).
            GC.Collect();
            var sets = WindowBuilder.Build(panel, [split.Train, split.Validation, split.Test], wo, scaler);
            var ctx0 = WindowBuilder.Context(panel, sets[0], wo, scaler, quick: o.Quick);
            var win = new WindowsForHorizon(sets[0], sets[1], sets[2], ctx0);
            features = sets[0].FeatureNames;
            counts[label] = new Dictionary<string, int> { ["train"] = sets[0].N, ["validation"] = sets[1].N, ["test"] = sets[2].N };
            progress?.Report($"{label}: windows train {sets[0].N}, validation {sets[1].N}, test {sets[2].N}, {sets[0].F} features");
            foreach (var name in models)
                rows.AddRange(RunModel(name, label, win, o, factory, figures, progress, ct));
        }
        var info = ResultsWriter.ProtocolInfo(panel, proto, split, o, features, counts, scaler);
        var result = new ExperimentResult(proto, split, info, rows);
        ResultsWriter.WriteJson(Path.Combine(o.OutputDir, "results.json"), result, o.CommandLine);
        ReportWriter.Write(Path.Combine(o.OutputDir, "report.md"), result, o);
        progress?.Report($"wrote {Path.Combine(o.OutputDir, "results.json")} and report.md");
        return result;
    }

    /// <summary>The window settings of one horizon (local time, for daily windows and the cyclic encoding, is the panel's).</summary>
    public static WindowOptions WindowOptionsFor(Panel panel, TemporalExperimentOptions o, Protocol p, int horizon) => new()
    {
        W = p.W, Horizon = horizon, Daily = p.Daily, Stride = o.Stride,
        IncludeTargetHistory = o.IncludeTargetHistory, IncludeMeteorology = o.IncludeMeteorology,
        MinObservedInputFraction = o.MinObservedInputFraction, MinHoursPerDay = o.MinHoursPerDay,
    };

    private static IEnumerable<ResultRow> RunModel(string name, string label, WindowsForHorizon win, TemporalExperimentOptions o,
        Func<string, int, IForecaster> factory, string figures, IProgress<string>? progress, CancellationToken ct)
    {
        var pooled = new List<MetricResult>();
        var at = new List<MetricResult>();
        foreach (var seed in o.Seeds)
        {
            ct.ThrowIfCancellationRequested();
            var model = factory(name, seed) ?? throw new InputException($"no forecaster for model '{name}'");
            var work = Path.Combine(o.OutputDir, "work", name, label, "seed" + seed.ToString(Fmt.Inv));
            Directory.CreateDirectory(work);
            var ctx = WithSeed(win.Context, seed, work);
            progress?.Report($"{label} {name} seed {seed}: fitting");
            model.Fit(win.Train, win.Validation, ctx, progress, ct);
            var pred = model.Predict(win.Test, ctx);
            pooled.Add(MaskedMetrics.Evaluate(win.Test, pred, ctx, Aggregation.Pooled));
            at.Add(MaskedMetrics.Evaluate(win.Test, pred, ctx, Aggregation.At));
            progress?.Report($"{label} {name} seed {seed}: MAE {Fmt.F(pooled[^1].Mae, 2)} RMSE {Fmt.F(pooled[^1].Rmse, 2)} R² {Fmt.F(pooled[^1].R2, 3)} (pooled)");
            if (o.WriteFigures && seed == o.Seeds[0] && win.Context.StepHours == 1)
                Fig3.Write(figures, name, label, win.Test, pred, ctx, o.FigureStation, progress);
            o.OnModelFitted?.Invoke(new FittedModel(model, label, seed, win with { Context = ctx }, pred, figures));
            if (model is IDeterministicForecaster) break; // same result for every seed
        }
        yield return Row(name, label, Aggregation.Pooled, pooled);
        yield return Row(name, label, Aggregation.At, at);
    }

    private static WindowContext WithSeed(WindowContext c, int seed, string work) => c with { Seed = seed, WorkDir = work };

    internal static ResultRow Row(string model, string horizon, Aggregation a, IReadOnlyList<MetricResult> m) =>
        new(model, horizon, a, m.Average(x => x.Mae), m.Average(x => x.Rmse), m.Average(x => x.R2), m[0].N,
            m.Count, Std(m.Select(x => x.Mae)), Std(m.Select(x => x.Rmse)), Std(m.Select(x => x.R2)));

    /// <summary>Sample standard deviation (n − 1); 0 for a single value.</summary>
    internal static double Std(IEnumerable<double> xs)
    {
        var v = xs.ToArray();
        if (v.Length < 2) return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
