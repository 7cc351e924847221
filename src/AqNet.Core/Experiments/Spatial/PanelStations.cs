using AqNet.Core.Data;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>Station subsets of a panel. Spatial models train on a panel from which the hidden stations have been
/// REMOVED (not masked), so no code path can reach their data.</summary>
public static class PanelStations
{
    /// <summary>A new panel with only the given stations (panel indices, in that order); values, masks and flags copied.</summary>
    public static Panel Keep(Panel panel, IReadOnlyList<int> stations)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(stations);
        foreach (var s in stations)
            if (s < 0 || s >= panel.S) throw new ArgumentOutOfRangeException(nameof(stations), s, $"station index {s} is outside [0, {panel.S})");
        var sub = new Panel(panel.StartUtc, panel.Hours, [.. stations.Select(s => panel.Stations[s])], panel.Variables) { UtcOffsetHours = panel.UtcOffsetHours };
        var v = panel.V;
        for (var t = 0; t < panel.Hours; t++)
            for (var j = 0; j < stations.Count; j++)
            {
                var from = panel.Index(t, stations[j], 0);
                var to = sub.Index(t, j, 0);
                Array.Copy(panel.Values, from, sub.Values, to, v);
                Array.Copy(panel.Mask, from, sub.Mask, to, v);
                Array.Copy(panel.Flags, from, sub.Flags, to, v);
            }
        return sub;
    }

    /// <summary>The visible panel: every station with coordinates whose id is not hidden. Unknown hidden ids are an input error.</summary>
    public static Panel WithoutHidden(Panel panel, IReadOnlyCollection<string> hiddenIds)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(hiddenIds);
        foreach (var id in hiddenIds)
            if (!panel.Stations.Any(s => s.Id == id))
                throw new InputException($"hidden station '{id}' is not in the panel; it has {string.Join(", ", panel.Stations.Take(10).Select(s => s.Id))}{(panel.S > 10 ? ", …" : "")}");
        var keep = Enumerable.Range(0, panel.S).Where(s => panel.Stations[s].HasCoordinates && !hiddenIds.Contains(panel.Stations[s].Id)).ToArray();
        if (keep.Length < 2)
            throw new InputException($"only {keep.Length} visible station(s) with coordinates remain after hiding {hiddenIds.Count}; the neural kNN needs at least 2");
        return Keep(panel, keep);
    }
}
