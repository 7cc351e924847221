using AqNet.Core.Experiments;

namespace AqNet.Core.Baselines;

/// <summary>Creates the TorchSharp-free baselines by name (the seed is irrelevant to them).</summary>
public static class BaselineFactory
{
    public static readonly IReadOnlyList<string> Names = ["persistence", "climatology", "ridge"];

    /// <summary>The baseline of that name, or null when the name is not a baseline (e.g. a neural model).</summary>
    public static IForecaster? TryCreate(string name) => name switch
    {
        "persistence" => new PersistenceForecaster(),
        "climatology" => new ClimatologyForecaster(),
        "ridge" => new RidgeForecaster(),
        _ => null,
    };
}
