using System.Text.Json;
using System.Text.Json.Serialization;
using AqNet.Torch.Nn;

namespace AqNet.Torch.Training;

/// <summary>The JSON header of a checkpoint: everything needed to rebuild the model and to check it fits the data.</summary>
public sealed record CheckpointInfo
{
    /// <summary>Model kind: aqnet, aqnet-no-ce, lstm or patchtst.</summary>
    public required string Kind { get; init; }
    public required AqNetOptions Options { get; init; }
    public required float TargetMean { get; init; }
    public required float TargetStd { get; init; }
    /// <summary>Feature scalers as the caller chose to describe them (any JSON), or null.</summary>
    public JsonElement? FeatureScalers { get; init; }
    public IReadOnlyList<string> Stations { get; init; } = [];
    public IReadOnlyList<string> FeatureNames { get; init; } = [];
    public required string Fingerprint { get; init; }
    /// <summary>Number of completed epochs the weights come from.</summary>
    public int Epoch { get; init; }
    public double? ValidationLoss { get; init; }
    public string? CreatedUtc { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = Core.Data.JsonText.Encoder,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };
}
