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
}
