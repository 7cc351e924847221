using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Fill;

/// <summary>A simple, transparent filler: observed values pass through (QC-flagged ones too, marked); a gap of up to
/// <see cref="MaxLinearGapHours"/> with observations on both sides is interpolated linearly in time; a longer gap is
/// filled hour by hour by ordinary kriging from the other stations observed at that hour; where none was, linearly in
/// time across the gap (or the nearest value at an end of the record). Only unflagged observations are inputs.
/// Intervals are crude: quantiles of each method's relative residuals (observed − estimate) / max(estimate, 10 µg/m³)
/// on artificial gaps and leave-one-station-out kriging of observed hours, fitted on half of those residuals and
/// checked on the other half (<see cref="FilledRecord.MeasuredCoverage"/>).</summary>
public sealed class LinearThenKrigingFiller : IStationFiller
{
    public const int MaxLinearGapHours = 6;
    /// <summary>Length of the artificial gaps that calibrate the linear fallback across long gaps, hours.</summary>
    private const int LongGapHours = 24;

    public double Coverage { get; init; } = 0.9;
    public int MaxNeighbours { get; init; } = 16;
    /// <summary>The stations nearest to a station that its kriging reads (<see cref="KrigingInterpolator.NeighboursRead"/>).</summary>
    public int NeighboursRead => KrigingInterpolator.NeighboursRead(MaxNeighbours);

    public string Method =>
        $"LinearThenKriging: observed values unchanged; gaps up to {MaxLinearGapHours} h linear in time, longer gaps ordinary kriging " +
        $"from the other stations at the same hour (linear in time where none was observed); {Fmt.D(100 * Coverage)}% intervals from empirical relative residuals";

    public int ContextHours => MaxLinearGapHours + 1;

    public FilledRecord Fill(Panel panel, int fromHour, int toHour, IProgress<string>? progress, CancellationToken ct)
    {
        if (fromHour < 0 || toHour > panel.Hours || fromHour >= toHour)
            throw new ArgumentOutOfRangeException(nameof(fromHour), $"hours [{fromHour}, {toHour}) must be a non-empty range inside the panel's [0, {panel.Hours})");
        var data = FillInputs.From(panel);
        var kriging = data.Located >= 2 ? FillInputs.Kriging(data, MaxNeighbours) : null;
        progress?.Report(kriging is null ? "fewer than 2 located stations: gaps are filled in time only"
            : $"kriging variogram: {kriging.Model!.Kind}, nugget {Fmt.F(kriging.Model.Nugget, 3)}, sill {Fmt.F(kriging.Model.Sill, 3)}, range {Fmt.F(kriging.Model.RangeKm, 1)} km");
        var (lo, hi) = ((1 - Coverage) / 2, (1 + Coverage) / 2);
        var linear = Enumerable.Range(0, MaxLinearGapHours + 1).Select(g => g == 0 ? null : ResidualCalibration.Linear(data, g, lo, hi)).ToArray();
        var longGap = ResidualCalibration.Linear(data, LongGapHours, lo, hi);
        var krig = kriging is null ? null : ResidualCalibration.Kriging(data, kriging, lo, hi, ct);
        ct.ThrowIfCancellationRequested();

        var r = new FilledRecord(panel.Stations, panel.TimeAt(fromHour), toHour - fromHour) { NominalCoverage = Coverage, Method = Method };
        var used = new Dictionary<ResidualCalibration, long>();
        for (var s = 0; s < data.S; s++)
        {
            ct.ThrowIfCancellationRequested();
            for (var t = fromHour; t < toHour; t++)
            {
                var o = r.Index(t - fromHour, s);
                var p = panel.Index(t, s, data.V);
                if (panel.Mask[p])
                {
                    r.Value[o] = r.Lower[o] = r.Upper[o] = panel.Values[p];
                    r.Flag[o] = Quality.QcFlagBits.IsQualityFlagged(panel.Flags[p]) ? FillFlag.ObservedFlagged : FillFlag.Observed;
                    continue;
                }
                var (est, cal) = Estimate(data, kriging, s, t, linear, longGap, krig);
                r.Flag[o] = FillFlag.Filled;
                r.Value[o] = float.IsNaN(est) ? float.NaN : Math.Max(0, est);
                (r.Lower[o], r.Upper[o]) = cal?.Interval(r.Value[o]) ?? (float.NaN, float.NaN);
                if (cal is { Valid: true } && !double.IsNaN(cal.MeasuredCoverage)) used[cal] = used.GetValueOrDefault(cal) + 1;
            }
        }
        var n = used.Values.Sum();
        return r with { MeasuredCoverage = n == 0 ? null : used.Sum(kv => kv.Key.MeasuredCoverage * kv.Value) / n };
    }

    private static (float Value, ResidualCalibration? Calibration) Estimate(FillInputs d, KrigingInterpolator? kriging, int s, int t,
        ResidualCalibration?[] linear, ResidualCalibration longGap, ResidualCalibration? krig)
    {
        var (left, right) = (d.Previous(s, t), d.Next(s, t));
        var gap = (right ?? d.T) - (left ?? -1) - 1;
        if (left is { } a && right is { } b && gap <= MaxLinearGapHours)
            return (d.Linear(s, a, b, t), linear[gap]);
        if (kriging is not null && d.KrigeAt(kriging, s, t) is { } k && !float.IsNaN(k)) return (k, krig);
        if (left is null && right is null) return (float.NaN, null);
        return (left is { } l && right is { } rr ? d.Linear(s, l, rr, t) : d.Value(s, left ?? right!.Value), longGap);
    }
}
