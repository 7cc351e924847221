namespace AqNet.Core.Spatial;

/// <summary>The stations a model may use for one query at one hour: visible stations observed at that hour, nearest
/// first (ties by ascending index). Stations are indices into <see cref="SpatialTrainingData.Stations"/>; distances km.</summary>
public readonly ref struct NeighbourValues
{
    public NeighbourValues(ReadOnlySpan<int> stations, ReadOnlySpan<double> distancesKm, ReadOnlySpan<float> values)
    {
        if (distancesKm.Length != stations.Length || values.Length != stations.Length)
            throw new ArgumentException($"stations ({stations.Length}), distancesKm ({distancesKm.Length}) and values ({values.Length}) must have the same length");
        Stations = stations;
        DistancesKm = distancesKm;
        Values = values;
    }

    public ReadOnlySpan<int> Stations { get; }
    public ReadOnlySpan<double> DistancesKm { get; }
    public ReadOnlySpan<float> Values { get; }
    public int Count => Stations.Length;

    /// <summary>The k nearest (or all, if fewer).</summary>
    public NeighbourValues Take(int k)
    {
        var n = Math.Min(Math.Max(k, 0), Count);
        return new NeighbourValues(Stations[..n], DistancesKm[..n], Values[..n]);
    }
}

/// <summary>A classical spatial interpolator: fitted once on the training part of time (only the visible stations),
/// then asked, hour by hour, for an estimate at a query point from the neighbours observed that hour.
/// Estimate must be thread-safe after Fit (the evaluation calls it in parallel over hours).</summary>
public interface ISpatialInterpolator
{
    /// <summary>mean, nearest, idw, kriging.</summary>
    string Name { get; }

    /// <summary>How many nearest neighbours Estimate looks at; null = all it is given (callers may gather fewer).</summary>
    int? MaxNeighbours { get; }

    void Fit(SpatialTrainingData train);

    /// <summary>The estimate at <paramref name="query"/>, in the variable's units; NaN when there are no neighbours.
    /// The distances must be the great-circle distances from the query to those stations (kriging caches its weights
    /// by query and station set).</summary>
    float Estimate(GeoPoint query, NeighbourValues neighbours);
}
