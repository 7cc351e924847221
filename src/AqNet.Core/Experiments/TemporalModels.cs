using AqNet.Core.Data;

namespace AqNet.Core.Experiments;

/// <summary>The models `experiment temporal` knows: the baselines (Core), the neural forecasters (Torch) and the
/// reanalysis model aqnet-st forecasting. Results name them in lower case (<see cref="TemporalModels.Name"/>).</summary>
public enum TemporalModelKind { Persistence, Climatology, Ridge, Lstm, PatchTst, AqnetNoCe, Aqnet, AqnetSt }

public static class TemporalModels
{
    /// <summary>The models run when none are named, in the order of the report.</summary>
    public static IReadOnlyList<TemporalModelKind> Default { get; } =
    [
        TemporalModelKind.Persistence, TemporalModelKind.Climatology, TemporalModelKind.Ridge, TemporalModelKind.Lstm,
        TemporalModelKind.PatchTst, TemporalModelKind.AqnetNoCe, TemporalModelKind.Aqnet,
    ];

    /// <summary>Models run only when named: the reanalysis model aqnet-st.</summary>
    public static IReadOnlyList<TemporalModelKind> Optional { get; } = [TemporalModelKind.AqnetSt];

    /// <summary>"persistence", "patchtst", "aqnet-no-ce", "aqnet-st", ...: the name in results, reports and --models.</summary>
    public static string Name(TemporalModelKind k) => k switch
    {
        TemporalModelKind.AqnetNoCe => "aqnet-no-ce",
        TemporalModelKind.AqnetSt => "aqnet-st",
        _ => k.ToString().ToLowerInvariant(),
    };

    /// <summary>Persistence, climatology and ridge: no neural network, no seed.</summary>
    public static bool IsBaseline(TemporalModelKind k) =>
        k is TemporalModelKind.Persistence or TemporalModelKind.Climatology or TemporalModelKind.Ridge;

    public static bool TryParse(string? name, out TemporalModelKind kind)
    {
        var text = (name ?? "").Trim().ToLowerInvariant();
        foreach (var k in Enum.GetValues<TemporalModelKind>())
            if (Name(k) == text) { kind = k; return true; }
        kind = default;
        return false;
    }

    public static TemporalModelKind Parse(string? name) => TryParse(name, out var k) ? k
        : throw new InputException($"unknown model '{name}'; expected some of {string.Join(", ", Default.Concat(Optional).Select(Name))}");
}
