using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Chooses the stations held out of spatial estimation. Stations without coordinates are never chosen (they
/// take no part in spatial work). Results are station ids in the order of the station list.</summary>
public static class HiddenStations
{
    /// <summary>The given ids, checked: each must be a station of the list with coordinates, and not all may be hidden.</summary>
    public static string[] ByList(IReadOnlyList<Station> stations, IEnumerable<string> ids)
    {
        var want = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var st = stations.FirstOrDefault(s => s.Id == id)
                ?? throw new InputException($"hidden station '{id}' is not among the {stations.Count} stations; expected one of {Preview(stations)}");
            if (!st.HasCoordinates)
                throw new InputException($"hidden station '{id}' has no coordinates; only stations with coordinates can be held out");
            want.Add(id);
        }
        if (want.Count == 0) throw new InputException("the hidden station list is empty; expected at least one station id");
        var located = stations.Count(s => s.HasCoordinates);
        if (want.Count >= located)
            throw new InputException($"all {located} stations with coordinates would be hidden; keep at least one visible");
        return stations.Where(s => want.Contains(s.Id)).Select(s => s.Id).ToArray();
    }

    /// <summary>round(ratio × located stations) stations, at least 1 and leaving at least 1 visible. With
    /// <paramref name="spread"/> they are spread out by farthest-point sampling (great-circle) from a random start, so the
    /// hidden set samples the whole network rather than a cluster; otherwise a seeded uniform random sample.</summary>
    public static string[] ByRatio(IReadOnlyList<Station> stations, double ratio, int seed, bool spread)
    {
        if (!(ratio > 0 && ratio < 1))
            throw new InputException($"hidden-station ratio {Fmt.D(ratio)} is not allowed; expected a number strictly between 0 and 1 (e.g. 0.2)");
        var located = Enumerable.Range(0, stations.Count).Where(i => stations[i].HasCoordinates).ToArray();
        if (located.Length < 2)
            throw new InputException($"only {located.Length} station(s) have coordinates; holding some out needs at least 2");
        var n = Math.Clamp((int)Math.Round(ratio * located.Length, MidpointRounding.AwayFromZero), 1, located.Length - 1);
        var rng = new Random(seed);
        var chosen = spread ? FarthestPoint(stations, located, n, rng) : Shuffled(located, rng).Take(n);
        var set = chosen.ToHashSet();
        return located.Where(set.Contains).Select(i => stations[i].Id).ToArray();
    }

    private static IEnumerable<int> FarthestPoint(IReadOnlyList<Station> stations, int[] located, int n, Random rng)
    {
        var pts = located.Select(i => GeoPoint.Of(stations[i])!.Value).ToArray();
        var minD = Enumerable.Repeat(double.PositiveInfinity, pts.Length).ToArray();
        var picked = new List<int>();
        var next = rng.Next(pts.Length);
        while (true)
        {
            picked.Add(located[next]);
            minD[next] = -1; // never again
            if (picked.Count == n) return picked;
            var best = -1;
            for (var i = 0; i < pts.Length; i++)
            {
                if (minD[i] < 0) continue;
                minD[i] = Math.Min(minD[i], Geodesy.DistanceKm(pts[i], pts[next]));
                if (best < 0 || minD[i] > minD[best]) best = i; // strict: lowest index wins ties
            }
            next = best;
        }
    }

    private static int[] Shuffled(int[] items, Random rng)
    {
        var a = (int[])items.Clone();
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return a;
    }

    private static string Preview(IReadOnlyList<Station> stations) =>
        string.Join(", ", stations.Take(10).Select(s => s.Id)) + (stations.Count > 10 ? ", …" : "");
}
