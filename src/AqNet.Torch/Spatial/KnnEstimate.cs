namespace AqNet.Torch.Spatial;

/// <summary>Neural kNN estimates for points × hours. <see cref="Mean"/> is the mean of the estimates for the k values
/// <see cref="Ks"/>, <see cref="Spread"/> their population standard deviation (the uncertainty; 0 with one k), both
/// laid out [hour, point, horizon] in µg/m³; NaN where no neighbour was observed at the issue hour.
/// Hour i is panel hour <see cref="FromHour"/> + i (the issue hour t; horizon h estimates PM2.5 at t + h).</summary>
public sealed class KnnEstimate
{
    public KnnEstimate(int fromHour, int hours, int points, IReadOnlyList<int> horizons, IReadOnlyList<int> ks)
    {
        FromHour = fromHour; Hours = hours; Points = points; Horizons = horizons; Ks = ks;
        Mean = new float[checked(hours * points * horizons.Count)];
        Spread = new float[Mean.Length];
    }

    public int FromHour { get; }
    public int Hours { get; }
    public int Points { get; }
    /// <summary>Hour offsets of the outputs (0 = nowcast).</summary>
    public IReadOnlyList<int> Horizons { get; }
    /// <summary>The k values actually used (requested ones capped at the visible stations).</summary>
    public IReadOnlyList<int> Ks { get; }
    /// <summary>[hour, point, horizon], µg/m³.</summary>
    public float[] Mean { get; }
    /// <summary>[hour, point, horizon], µg/m³.</summary>
    public float[] Spread { get; }

    public int Index(int hour, int point, int horizon = 0) => (hour * Points + point) * Horizons.Count + horizon;
}
