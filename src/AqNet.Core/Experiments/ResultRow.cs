namespace AqNet.Core.Experiments;

/// <summary>One line of results.json: a model at a horizon, metrics in µg/m³ as the mean over seeds and their
/// sample standard deviation (0 with one seed). N = evaluated test observations (the same for every seed).</summary>
public sealed record ResultRow(string Model, string Horizon, Metrics.Aggregation Aggregation,
    double Mae, double Rmse, double R2, long N, int Seeds, double MaeStd, double RmseStd, double R2Std);

/// <summary>Passed to <see cref="TemporalExperimentOptions.OnModelFitted"/> after each fit (first seed and later
/// ones alike), so callers can add figures or dumps. Predictions are [N, H] scaled; use Context.Unscale.</summary>
public sealed record FittedModel(IForecaster Model, string Horizon, int Seed, WindowsForHorizon Windows,
    float[] TestPredictions, string FiguresDir);

/// <summary>The windows of one horizon, shared by every model.</summary>
public sealed record WindowsForHorizon(Windows.WindowSet Train, Windows.WindowSet Validation, Windows.WindowSet Test,
    Windows.WindowContext Context);
