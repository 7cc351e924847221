using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Running sums for one result row: MAE, RMSE and R² = 1 − SSE / Σ(y − ȳ)² (ȳ = mean of the row's own
/// observations), over real observations only; µg/m³. Shared by the classical baselines and the neural kNN.</summary>
public sealed class SpatialErrorSums
{
    private double _abs, _sq, _y, _yy;
    public long N { get; private set; }

    public void Add(double observed, double estimate)
    {
        Guard.Finite(observed, nameof(observed), "a finite observation in µg/m³");
        Guard.Finite(estimate, nameof(estimate), "a finite estimate in µg/m³");
        var e = estimate - observed;
        _abs += Math.Abs(e);
        _sq += e * e;
        _y += observed;
        _yy += observed * observed;
        N++;
    }

    public SpatialMetricRow Row(string model, SpatialTask task, int horizonHours, string station)
    {
        var h = horizonHours.ToString(Data.Fmt.Inv) + "h";
        if (N == 0) return new SpatialMetricRow(model, task, h, station, double.NaN, double.NaN, double.NaN, 0);
        var sst = _yy - _y * _y / N;
        return new SpatialMetricRow(model, task, h, station, _abs / N, Math.Sqrt(_sq / N), sst > 0 ? 1 - _sq / sst : double.NaN, N);
    }
}
