using AqNet.Torch.Runtime;

namespace AqNet.Torch.Nn;

/// <summary>Builds a model from its kind name and options; the names are the forecaster names.</summary>
public static class ModelFactory
{
    public const string AqNet = "aqnet";
    public const string AqNetNoCe = "aqnet-no-ce";
    public const string Lstm = "lstm";
    public const string PatchTst = "patchtst";

    public static IReadOnlyList<string> Kinds { get; } = [AqNet, AqNetNoCe, Lstm, PatchTst];

    /// <summary>A freshly initialised model (weights from torch's current RNG state).</summary>
    public static ForecastModel Create(string kind, AqNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureLoaded();
        return kind switch
        {
            AqNet or AqNetNoCe => new AqNetModel(options, kind),
            Lstm => new LstmModel(options),
            PatchTst => new PatchTstModel(options),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"unknown model '{kind}'; expected one of {string.Join(", ", Kinds)}"),
        };
    }
}
