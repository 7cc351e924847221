using AqNet.Core.Data;
using AqNet.Core.NetCdf;
using AqNet.Core.Spatial;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>The neural kNN (AQ-Net's spatial step) on a grid: windows ending at each hour, the nowcast output, and the
/// spread of the estimates over k as `pm25_uncertainty` (not a calibrated interval).</summary>
internal sealed class KnnGridModel(NeuralKnnEstimator est, IReadOnlyList<int>? ks) : IGridModel
{
    public IReadOnlyList<Station> Stations => est.Stations;
    public IReadOnlyList<string> Variables => est.Options.Variables;
    public int HoursBefore => est.Options.Window - 1;
    public int HoursAfter => 0;
    public long TileBytesPerCell => BytesPerCell(est.Options);
    public IReadOnlyList<GridVariable> StepVariables { get; } = [GridVariable.Pm25(), GridVariable.Pm25Uncertainty()];
    public string Describe => $"neural kNN of {est.Stations.Count} stations";

    public string Source(string stationNames) =>
        $"AqNet neural kNN (AQ-Net, Kheder et al. 2025) from {est.Stations.Count} stations of {stationNames}; " +
        $"pm25_uncertainty = spread of the estimates over k = {string.Join(",", ks ?? est.Options.Ks)} (not a calibrated interval)";

    public float[][] Estimate(Panel panel, IReadOnlyList<GeoPoint> points, int from, int to, CancellationToken ct)
    {
        var (n, hours) = (points.Count, to - from);
        var hz = Math.Max(0, est.Options.Horizons.ToList().IndexOf(0)); // the nowcast output (0 h) when the model has one
        var e = est.Estimate(panel, points, from, to, ks);
        var (mean, spread) = (new float[hours * n], new float[hours * n]);
        for (var h = 0; h < hours; h++)
            for (var p = 0; p < n; p++)
            {
                var m = e.Mean[e.Index(h, p, hz)];
                mean[h * n + p] = float.IsNaN(m) ? float.NaN : Math.Max(0, m); // never negative
                spread[h * n + p] = e.Spread[e.Index(h, p, hz)];
            }
        return [mean, spread];
    }

    /// <summary>Peak bytes per cell of a tile. The prepared neighbour kernel holds per cell and neighbour the indices
    /// (8), distances (4), validity (1), geometry (4·G), score terms (4·Hs), prior and kriging weights (8); preparing it
    /// needs the torch copies of the geometry and score terms besides; and the estimator keeps the previous tile's
    /// kernel until the next one is ready. Then a local day of estimates and spreads per output.</summary>
    internal static long BytesPerCell(NeuralKnnOptions o)
    {
        long k = o.MaxK, g = NeighbourGeometry.G, hs = o.ScoreHidden;
        var kernel = k * (21 + 4 * g + 4 * hs);
        return 2 * kernel + k * (4 * g + 4 * hs + 8) + 24L * 8 * (o.Horizons.Length + 1) + 32;
    }

    public void Dispose() => est.Dispose();
}
