using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Torch.Runtime;

namespace AqNet.Torch.Nn;

/// <summary>Builds a windowed neural forecaster from its kind and options.</summary>
public static class ModelFactory
{
    /// <summary>The kinds built here: AQ-Net, AQ-Net without the cyclic encoding, the plain LSTM and PatchTST.</summary>
    public static IReadOnlyList<TemporalModelKind> Kinds { get; } =
        [TemporalModelKind.Aqnet, TemporalModelKind.AqnetNoCe, TemporalModelKind.Lstm, TemporalModelKind.PatchTst];

    /// <summary>A freshly initialised model (weights from torch's current RNG state).</summary>
    public static ForecastModel Create(TemporalModelKind kind, AqNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TorchRuntime.EnsureLoaded();
        return kind switch
        {
            TemporalModelKind.Aqnet or TemporalModelKind.AqnetNoCe => new AqNetModel(options, TemporalModels.Name(kind)),
            TemporalModelKind.Lstm => new LstmModel(options),
            TemporalModelKind.PatchTst => new PatchTstModel(options),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"{TemporalModels.Name(kind)} is not a windowed neural forecaster; expected one of {KindNames}"),
        };
    }

    /// <summary>The kind a name stands for ("aqnet", "lstm", ...), or an <see cref="InputException"/> naming the
    /// ones built here.</summary>
    public static TemporalModelKind Parse(string? name) =>
        TryParse(name, out var kind) ? kind : throw new InputException($"unknown neural model '{name}'; expected one of {KindNames}");

    /// <summary>Whether <paramref name="name"/> names one of the <see cref="Kinds"/>.</summary>
    public static bool TryParse(string? name, out TemporalModelKind kind) => TemporalModels.TryParse(name, out kind) && Kinds.Contains(kind);

    /// <summary>"aqnet, aqnet-no-ce, lstm, patchtst": the kinds' names, for messages.</summary>
    public static string KindNames => string.Join(", ", Kinds.Select(TemporalModels.Name));
}
