using AqNet.Core.Experiments;
using AqNet.Core.Preprocessing;
using AqNet.Core.Windows;

namespace AqNet.Core.Baselines;

/// <summary>Mean PM2.5 per (local month, local hour of day) over the distinct target hours of the training
/// windows, all stations pooled; for daily targets the mean of the daily means per local month. Each (station,
/// hour) counts once although overlapping windows repeat it. An empty cell falls back to the overall mean.</summary>
public sealed class ClimatologyForecaster : IDeterministicForecaster
{
    private double[]? _table; // [12 months, 24 hours] scaled; daily uses hour 0 only

    public string Name => "climatology";

    public void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct)
    {
        var daily = IsDaily(context);
        var sum = new double[12 * 24]; var cnt = new long[12 * 24];
        var seen = new HashSet<long>();
        double all = 0; long allN = 0;
        for (var n = 0; n < train.N; n++)
            for (var j = 0; j < train.H; j++)
            {
                var i = n * train.H + j;
                if (train.YMask[i] <= 0) continue;
                var t = train.T0[n] + j * context.StepHours;
                if (!seen.Add(((long)train.Station[n] << 32) | (uint)t)) continue;
                var c = Cell(t, context, daily);
                sum[c] += train.Y[i]; cnt[c]++;
                all += train.Y[i]; allN++;
            }
        var fallback = allN > 0 ? all / allN : 0; // scaled; 0 = training mean of the scaler
        _table = new double[12 * 24];
        for (var c = 0; c < _table.Length; c++) _table[c] = cnt[c] > 0 ? sum[c] / cnt[c] : fallback;
        progress?.Report($"climatology: {allN} distinct training targets in {cnt.Count(x => x > 0)} (month, hour) cells");
    }

    public float[] Predict(WindowSet set, WindowContext context)
    {
        var table = _table ?? throw new InvalidOperationException("climatology: call Fit before Predict");
        var daily = IsDaily(context);
        var y = new float[set.N * set.H];
        for (var n = 0; n < set.N; n++)
            for (var j = 0; j < set.H; j++)
                y[n * set.H + j] = (float)table[Cell(set.T0[n] + j * context.StepHours, context, daily)];
        return y;
    }

    private static bool IsDaily(WindowContext c) => c.StepHours switch
    {
        1 => false,
        24 => true,
        _ => throw new ArgumentOutOfRangeException(nameof(c), c.StepHours, "StepHours must be 1 (hourly) or 24 (daily)"),
    };

    private static int Cell(int t, WindowContext c, bool daily)
    {
        var l = CyclicEncoding.Local(c.TimeAt(t), c.UtcOffsetHours); // a daily step starts at its day's hour 00
        return (l.Month - 1) * 24 + (daily ? 0 : l.Hour);
    }
}
