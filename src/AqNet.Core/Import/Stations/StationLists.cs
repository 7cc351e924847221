namespace AqNet.Core.Import;

/// <summary>Several station lists merged into one, in priority order (the order given, or the format's own order when
/// found beside the inputs): a station's entry comes from the first list that has it; blank coordinates (and a blank
/// city, province or type) are filled from a later row or list that has them; coordinates that differ are noted and
/// the first kept. Each step is reported in the ingest's notes.</summary>
internal static class StationLists
{
    /// <param name="lists">Each list's path and rows in file order.</param>
    /// <param name="key">The key data columns are matched on (the id; bjmemc: the Chinese name).</param>
    public static Dictionary<string, Data.Station> Merge(IReadOnlyList<(string Path, List<Data.Station> Rows)> lists,
        Func<Data.Station, string> key, List<string> notes)
    {
        var merged = new Dictionary<string, Data.Station>(StringComparer.Ordinal);
        var origin = new Dictionary<string, int>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        var fromLater = new int[lists.Count];
        var filled = new int[lists.Count];
        for (var l = 0; l < lists.Count; l++)
            foreach (var s in lists[l].Rows)
            {
                var k = key(s);
                if (!merged.TryGetValue(k, out var prev))
                {
                    merged[k] = s;
                    origin[k] = l;
                    if (l > 0) fromLater[l]++;
                    continue;
                }
                if (!prev.HasCoordinates && s.HasCoordinates)
                {
                    merged[k] = prev = prev with { Longitude = s.Longitude, Latitude = s.Latitude };
                    if (l != origin[k]) filled[l]++;
                }
                else if (prev.HasCoordinates && s.HasCoordinates && (prev.Longitude != s.Longitude || prev.Latitude != s.Latitude))
                    conflicts.Add(k);
                merged[k] = prev with { City = prev.City ?? s.City, Province = prev.Province ?? s.Province, Type = prev.Type ?? s.Type };
            }
        var name = (int l) => Path.GetFileName(lists[l].Path);
        if (lists.Count > 1)
        {
            notes.Add($"station lists merged: {string.Join(", ", lists.Select(x => Path.GetFileName(x.Path)))} (the first that lists a station gives its entry)");
            for (var l = 1; l < lists.Count; l++)
            {
                if (fromLater[l] > 0) notes.Add($"{fromLater[l]} stations taken from {name(l)} because the lists before it lack them");
                if (filled[l] > 0) notes.Add($"{filled[l]} stations with blank coordinates in an earlier list got them from {name(l)}");
            }
        }
        if (conflicts.Count > 0)
        {
            var ids = conflicts.Distinct(StringComparer.Ordinal).ToList();
            notes.Add($"{ids.Count} stations have rows with different coordinates in {string.Join(" / ", lists.Select(x => x.Path))}; the first row was used: {string.Join(", ", ids.Take(20))}{(ids.Count > 20 ? $" and {ids.Count - 20} more" : "")}");
        }
        return merged;
    }
}
