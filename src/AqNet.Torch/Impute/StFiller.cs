using AqNet.Core.Data;
using AqNet.Core.Fill;
using AqNet.Core.Impute;

namespace AqNet.Torch.Impute;

/// <summary>Fills a panel's PM2.5 gaps with a production aqnet-st model (`aqnet fill --model DIR`): every gap at a located
/// station is estimated from both sides in time and from the neighbours, with the 90% interval calibrated when the model
/// was fitted. Observed values pass through; a station without coordinates, or an hour the model cannot reach, keeps the
/// <see cref="LinearThenKrigingFiller"/>'s value.</summary>
public sealed class StFiller(StImputer model, StModelInfo info) : IStationFiller
{
    private readonly LinearThenKrigingFiller _fallback = new();

    public string Method =>
        $"aqnet-st reanalysis model (window {info.Options.Window} h on both sides, {info.Options.Neighbours} nearest stations); " +
        $"{Fmt.D(100 * IntervalCalibration.Level)}% intervals calibrated on validation gaps" +
        (info.MeasuredCoverage is { } c ? $" (held {Fmt.F(100 * c, 1)}% on validation gaps not used to calibrate)" : "") +
        "; stations without coordinates filled linearly in time";

    /// <summary>A whole window on each side, so a gap near the period's edge reads the hours beyond it.</summary>
    public int ContextHours => info.Options.Window;

    public FilledRecord Fill(Panel panel, int fromHour, int toHour, IProgress<string>? progress, CancellationToken ct)
    {
        var r = _fallback.Fill(panel, fromHour, toHour, null, ct);
        // Time is encoded with the offset the model was trained with.
        var task = ImputeProduction.Inputs(panel, Variables.Pm25, info.UtcOffsetHours);
        var (S, v) = (task.S, panel.VariableIndex(Variables.Pm25));
        var where = new bool[task.T * S];
        for (var t = fromHour; t < toHour; t++)
            for (var s = 0; s < S; s++)
                where[t * S + s] = !panel.Mask[panel.Index(t, s, v)] && task.Stations[s].HasCoordinates;
        var cells = where.LongCount(b => b);
        progress?.Report($"aqnet-st: estimating {cells:N0} gaps");
        if (cells > 0 && task.Stations.Count(st => st.HasCoordinates) >= 2)
        {
            var e = model.EstimateCalibrated(task, new bool[S], where, info.Calibration, ct);
            for (var t = fromHour; t < toHour; t++)
                for (var s = 0; s < S; s++)
                {
                    var i = t * S + s;
                    if (!where[i] || !float.IsFinite(e.Median[i])) continue;
                    var o = r.Index(t - fromHour, s);
                    (r.Value[o], r.Lower[o], r.Upper[o]) = (e.Median[i], e.Lower[i], e.Upper[i]);
                }
        }
        return r with { Method = Method, MeasuredCoverage = info.MeasuredCoverage };
    }
}
