namespace AqNet.Core.Spatial;

/// <summary>One result row: a model's errors at one hidden station (or "all" pooled over every hidden station and hour),
/// computed only where the hidden station's value is observed. Units of the variable (µg/m³ for PM2.5).</summary>
public sealed record SpatialMetricRow(string Model, string Task, string Horizon, string Station, double Mae, double Rmse, double R2, long N);
