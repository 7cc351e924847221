using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Grid;

/// <summary>How well stations cover a grid.</summary>
public static class GridDistances
{
    /// <summary>Great-circle distance, km, from each cell centre to the nearest station with coordinates, row-major
    /// [lat, lon] like <see cref="GridSpec.Centres"/>. Far cells are where a reanalysis is extrapolating.</summary>
    public static double[] NearestStationKm(GridSpec grid, IReadOnlyList<Station> stations)
    {
        if (!stations.Any(s => s.HasCoordinates))
            throw new InputException($"none of the {stations.Count} stations has coordinates; distances to stations need at least one");
        var r = new KnnIndex(stations).NearestBatch(grid.Centres(), 1);
        return r.DistancesKm;
    }

    /// <summary>Distances, km, from the given cell centres to the nearest station with coordinates.</summary>
    public static double[] NearestStationKm(IReadOnlyList<GeoPoint> points, IReadOnlyList<Station> stations)
    {
        if (!stations.Any(s => s.HasCoordinates))
            throw new InputException($"none of the {stations.Count} stations has coordinates; distances to stations need at least one");
        return new KnnIndex(stations).NearestBatch(points, 1).DistancesKm;
    }

    /// <summary>Median over the located stations of the great-circle distance to the nearest other station, km: the
    /// network's typical spacing. Null with fewer than two located stations.</summary>
    public static double? MedianSpacingKm(IReadOnlyList<Station> stations)
    {
        var pts = stations.Select(GeoPoint.Of).OfType<GeoPoint>().ToArray();
        if (pts.Length < 2) return null;
        var nearest = pts.Select((p, i) => pts.Where((_, j) => j != i).Min(q => Geodesy.DistanceKm(p, q))).Order().ToArray();
        var n = nearest.Length;
        return n % 2 == 1 ? nearest[n / 2] : (nearest[n / 2 - 1] + nearest[n / 2]) / 2;
    }

    /// <summary>The default far_from_stations threshold: twice the median spacing (a cell farther than that from every
    /// station is outside the network's reach), with the rule spelled out for the file's metadata.</summary>
    public static (double Km, string Rule) DefaultFarThreshold(IReadOnlyList<Station> stations)
    {
        var spacing = MedianSpacingKm(stations)
            ?? throw new InputException($"the model has {stations.Count(s => s.HasCoordinates)} located station(s): no station spacing to set the far-from-stations threshold; give --far-km");
        return (2 * spacing, $"threshold = 2 x the median nearest-neighbour spacing of the {stations.Count(s => s.HasCoordinates)} stations ({Fmt.F(spacing, 2)} km)");
    }

    /// <summary>1 where the distance is above the threshold, else 0 (NaN distances count as far).</summary>
    public static sbyte[] FarMask(ReadOnlySpan<double> distancesKm, double thresholdKm)
    {
        var m = new sbyte[distancesKm.Length];
        for (var i = 0; i < m.Length; i++) m[i] = distancesKm[i] <= thresholdKm ? (sbyte)0 : (sbyte)1;
        return m;
    }
}
