using AqNet.Core.Data;

namespace AqNet.Core.Impute;

/// <summary>How the points to reconstruct are chosen (see docs/imputation.md).</summary>
public enum ImputeProtocolKind
{
    /// <summary>AQI-36 as GRIN/tsl report it: the benchmark's evaluation points in the test months 3, 6, 9 and 12.</summary>
    Aqi36,
    /// <summary>Whole stations hidden everywhere (never an input, never trained on), scored at their test hours.</summary>
    Virtual,
    /// <summary>25% of the observed values of the test part hidden at random.</summary>
    Point,
    /// <summary>Runs of 4–48 h per station plus 5% single points hidden in the test part.</summary>
    Block,
    /// <summary>Each station hidden in turn (stations split into groups, one model per group) over the test part.</summary>
    Loso,
}

/// <summary>Options of a protocol. <see cref="Seed"/> draws the hidden points, so every model and every model seed is
/// scored on the same points.</summary>
public sealed record ImputeProtocolOptions
{
    public ImputeProtocolKind Kind { get; init; } = ImputeProtocolKind.Aqi36;
    /// <summary>Stations hidden by <see cref="ImputeProtocolKind.Virtual"/>; null = 001014 and 001031 on an AQI-36 store.</summary>
    public IReadOnlyList<string>? Hidden { get; init; }
    /// <summary>Cut the data before the real test part and split the rest again, to choose settings without it.</summary>
    public bool Development { get; init; }
    public int Seed { get; init; } = 20_250_101;
    public double PointRate { get; init; } = 0.25;
    /// <summary>Block protocol: probability per station and hour that a run starts, its length range, and the extra point rate.</summary>
    public double BlockStartRate { get; init; } = 0.0015;
    public int BlockMinHours { get; init; } = 4;
    public int BlockMaxHours { get; init; } = 48;
    public double BlockPointRate { get; init; } = 0.05;
    /// <summary>LOSO: stations are split into this many groups; each group's model never sees its stations.</summary>
    public int LosoGroups { get; init; } = 4;
    /// <summary>Chronological split of stores other than AQI-36: train, validation, test shares of the hours.</summary>
    public double ValidationFraction { get; init; } = 0.1;
    public double TestFraction { get; init; } = 0.2;

    public static readonly IReadOnlyList<string> Aqi36VirtualStations = ["001014", "001031"];
    public static readonly IReadOnlyList<int> Aqi36TestMonths = [3, 6, 9, 12];

    public static ImputeProtocolKind Parse(string name) => (name ?? "").Trim().ToLowerInvariant() switch
    {
        "aqi36" => ImputeProtocolKind.Aqi36,
        "virtual" => ImputeProtocolKind.Virtual,
        "point" => ImputeProtocolKind.Point,
        "block" => ImputeProtocolKind.Block,
        "loso" => ImputeProtocolKind.Loso,
        _ => throw new InputException($"unknown protocol '{name}'; expected one of aqi36, virtual, point, block, loso"),
    };

    public static string Name(ImputeProtocolKind kind) => kind.ToString().ToLowerInvariant();

    public void Validate()
    {
        if (!Enum.IsDefined(Kind)) throw new InputException($"unknown protocol {(int)Kind}");
        if (!(PointRate > 0 && PointRate < 1)) throw new InputException($"point rate {Fmt.D(PointRate)}: expected a share in (0, 1)");
        if (BlockMinHours < 1 || BlockMaxHours < BlockMinHours) throw new InputException($"block lengths {BlockMinHours}..{BlockMaxHours} h: expected 1 <= min <= max");
        if (LosoGroups < 2) throw new InputException($"LOSO groups {LosoGroups}: expected at least 2");
        if (!(ValidationFraction > 0 && TestFraction > 0 && ValidationFraction + TestFraction < 0.9))
            throw new InputException($"validation {Fmt.D(ValidationFraction)} and test {Fmt.D(TestFraction)} shares: expected positive shares adding up to less than 0.9");
    }
}
