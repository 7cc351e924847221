using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Mean of all visible stations observed at that hour (ignores distance).</summary>
public sealed class MeanInterpolator : ISpatialInterpolator
{
    public string Name => "mean";
    public int? MaxNeighbours => null;
    public void Fit(SpatialTrainingData train) { }

    public float Estimate(GeoPoint query, NeighbourValues neighbours)
    {
        if (neighbours.Count == 0) return float.NaN;
        double sum = 0;
        foreach (var v in neighbours.Values) sum += v;
        return (float)(sum / neighbours.Count);
    }
}

/// <summary>Value of the nearest visible station observed at that hour (lowest index on a distance tie).</summary>
public sealed class NearestInterpolator : ISpatialInterpolator
{
    public string Name => "nearest";
    public int? MaxNeighbours => 1;
    public void Fit(SpatialTrainingData train) { }

    public float Estimate(GeoPoint query, NeighbourValues neighbours) =>
        neighbours.Count == 0 ? float.NaN : neighbours.Values[0];
}

/// <summary>Inverse-distance weighting, w = 1 / d^power with great-circle d in km (power 2 by default), over all
/// neighbours or the k nearest. A query on a station (d ≤ <see cref="CoincidentKm"/>) returns that station's value
/// (the mean of the values if several stations coincide there).</summary>
public sealed class IdwInterpolator : ISpatialInterpolator
{
    /// <summary>1 mm: closer than this a query counts as "on" the station (avoids 1/0).</summary>
    public const double CoincidentKm = 1e-6;

    public IdwInterpolator(double power = 2, int? maxNeighbours = null)
    {
        Guard.Positive(power, nameof(power));
        if (maxNeighbours is { } k) Guard.AtLeast(k, 1, nameof(maxNeighbours));
        Power = power;
        MaxNeighbours = maxNeighbours;
    }

    public string Name => "idw";
    public double Power { get; }
    public int? MaxNeighbours { get; }
    public void Fit(SpatialTrainingData train) { }

    public float Estimate(GeoPoint query, NeighbourValues neighbours)
    {
        var nb = MaxNeighbours is { } k ? neighbours.Take(k) : neighbours;
        if (nb.Count == 0) return float.NaN;
        if (nb.DistancesKm[0] <= CoincidentKm) return CoincidentMean(nb);
        double sw = 0, swz = 0;
        for (var i = 0; i < nb.Count; i++)
        {
            var w = Power == 2 ? 1 / (nb.DistancesKm[i] * nb.DistancesKm[i]) : Math.Pow(nb.DistancesKm[i], -Power);
            sw += w;
            swz += w * nb.Values[i];
        }
        return (float)(swz / sw);
    }

    /// <summary>Mean of the neighbours within <see cref="CoincidentKm"/> of the query (they come first: sorted by distance).</summary>
    internal static float CoincidentMean(NeighbourValues nb)
    {
        double sum = 0;
        var n = 0;
        while (n < nb.Count && nb.DistancesKm[n] <= CoincidentKm) sum += nb.Values[n++];
        return (float)(sum / n);
    }
}
