using AqNet.Core.Experiments;

namespace AqNet.Core.Baselines;

/// <summary>Creates the TorchSharp-free baselines (the seed is irrelevant to them).</summary>
public static class BaselineFactory
{
    public static readonly IReadOnlyList<string> Names =
        [.. TemporalModels.Default.Where(TemporalModels.IsBaseline).Select(TemporalModels.Name)];

    /// <summary>The baseline of that kind, or null when the kind is not a baseline (a neural model).</summary>
    public static IForecaster? TryCreate(TemporalModelKind kind) => kind switch
    {
        TemporalModelKind.Persistence => new PersistenceForecaster(),
        TemporalModelKind.Climatology => new ClimatologyForecaster(),
        TemporalModelKind.Ridge => new RidgeForecaster(),
        _ => null,
    };

    /// <summary>The baseline of that name, or null when the name is not a baseline (e.g. a neural model).</summary>
    public static IForecaster? TryCreate(string name) => TemporalModels.TryParse(name, out var k) ? TryCreate(k) : null;
}
