namespace AqNet.Core.Spatial;

/// <summary>One result row: a model's errors at one hidden station (or "all" pooled over every hidden station and hour),
/// computed only where the hidden station's value is observed. Units of the variable (µg/m³ for PM2.5).</summary>
public sealed record SpatialMetricRow(string Model, string Task, string Horizon, string Station, double Mae, double Rmse, double R2, long N);

/// <summary>Running sums for MAE, RMSE and R² = 1 − SSE / Σ(y − ȳ)² (ȳ = mean of the row's own observations).</summary>
internal sealed class ErrorSums
{
    private double _abs, _sq, _y, _yy;
    public long N { get; private set; }

    public void Add(double observed, double estimate)
    {
        var e = estimate - observed;
        _abs += Math.Abs(e);
        _sq += e * e;
        _y += observed;
        _yy += observed * observed;
        N++;
    }

    public SpatialMetricRow Row(string model, string station)
    {
        if (N == 0) return new SpatialMetricRow(model, "nowcast", "0h", station, double.NaN, double.NaN, double.NaN, 0);
        var sst = _yy - _y * _y / N;
        return new SpatialMetricRow(model, "nowcast", "0h", station, _abs / N, Math.Sqrt(_sq / N), sst > 0 ? 1 - _sq / sst : double.NaN, N);
    }
}
