using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>How stations are hidden: each in turn (leave-one-station-out) or a fixed set. Written "loso" / "holdout".</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SpatialProtocolKind>))]
public enum SpatialProtocolKind
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("loso")] Loso,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("holdout")] Holdout,
}

/// <summary>One split of the stations: indices (into the station list) estimated, and indices a model may use.</summary>
public sealed record SpatialFold(int[] Hidden, int[] Visible);

/// <summary>How stations are held out. <c>loso</c>: each located station in turn is hidden and all other located stations
/// are visible (one fold per station). <c>holdout</c>: one fixed hidden set (given, or by ratio, default 0.2).</summary>
public sealed class SpatialProtocol
{
    private readonly Func<IReadOnlyList<Station>, string[]>? _hidden; // null = loso

    private SpatialProtocol(SpatialProtocolKind kind, Func<IReadOnlyList<Station>, string[]>? hidden)
    {
        Kind = kind;
        _hidden = hidden;
    }

    public SpatialProtocolKind Kind { get; }

    /// <summary>"loso" or "holdout", as results.json and the progress lines name it.</summary>
    public string Name => Kind == SpatialProtocolKind.Loso ? "loso" : "holdout";

    public static SpatialProtocol Loso() => new(SpatialProtocolKind.Loso, null);

    public static SpatialProtocol Holdout(IReadOnlyList<string> hiddenIds) =>
        new(SpatialProtocolKind.Holdout, st => HiddenStations.ByList(st, hiddenIds));

    public static SpatialProtocol HoldoutByRatio(double ratio = 0.2, int seed = 42, bool spread = true) =>
        new(SpatialProtocolKind.Holdout, st => HiddenStations.ByRatio(st, ratio, seed, spread));

    /// <summary>The folds over a station list; stations without coordinates are in no fold.</summary>
    public IReadOnlyList<SpatialFold> Folds(IReadOnlyList<Station> stations)
    {
        var located = Enumerable.Range(0, stations.Count).Where(i => stations[i].HasCoordinates).ToArray();
        if (located.Length < 2)
            throw new InputException($"only {located.Length} station(s) have coordinates; spatial evaluation needs at least 2");
        if (_hidden is null)
            return located.Select(h => new SpatialFold([h], located.Where(i => i != h).ToArray())).ToArray();
        var ids = _hidden(stations).ToHashSet(StringComparer.Ordinal);
        return [new SpatialFold(located.Where(i => ids.Contains(stations[i].Id)).ToArray(), located.Where(i => !ids.Contains(stations[i].Id)).ToArray())];
    }
}
