using AqNet.Core.Data;
using AqNet.Core.Preprocessing;
using AqNet.Core.Splitting;

namespace AqNet.Core.Windows;

/// <summary>Cuts supervised windows from a panel, all stations pooled. Sample (s, t0): inputs are panel hours
/// [t0 − W, t0), targets the Horizon steps from t0 (hours, or local-day means). Windows are skipped when their
/// inputs are too sparse (<see cref="WindowOptions.MinObservedInputFraction"/>) or no target step is observed.</summary>
public static class WindowBuilder
{
    /// <summary>Fits the standardiser of every panel variable except WD on observed cells of the training hours only.
    /// Its "PM2.5" entry scales both PM2.5 inputs and targets (also the daily means).</summary>
    public static StandardScaler FitScaler(Panel panel, HourRange train)
    {
        var vars = panel.Variables.Where(v => v != Variables.Wd).ToArray();
        panel.VariableIndex(Variables.Pm25); // clear error when the target is absent
        var sc = StandardScaler.FitPanel(panel, vars, train.Start, train.End);
        if (sc.Count[sc.IndexOf(Variables.Pm25)] < 2)
            throw new InputException($"the training hours {train} hold fewer than 2 observed PM2.5 values; cannot scale the target");
        return sc;
    }

    /// <summary>Builds the windows of several parts (e.g. train, validation, test) sharing one feature precompute.</summary>
    public static WindowSet[] Build(Panel panel, IReadOnlyList<HourRange> parts, WindowOptions o, StandardScaler scaler)
    {
        o.Validate();
        var rows = FeatureRows.Build(panel, o, scaler);
        var obs = new Observed(panel);
        return [.. parts.Select(p => BuildOne(panel, p, o, scaler, rows, obs))];
    }

    public static WindowSet Build(Panel panel, HourRange part, WindowOptions o, StandardScaler scaler) =>
        Build(panel, [part], o, scaler)[0];

    /// <summary>The context forecasters receive; feature indices come from the built set.</summary>
    public static WindowContext Context(Panel panel, WindowSet any, WindowOptions o, StandardScaler scaler,
        int seed = 0, string? workDir = null, bool quick = false)
    {
        var k = scaler.IndexOf(Variables.Pm25);
        return new WindowContext
        {
            PanelStartUtc = panel.StartUtc,
            StepHours = o.StepHours,
            TargetMean = (float)scaler.Mean[k],
            TargetStd = (float)scaler.Std[k],
            TargetFeature = IndexOf(any.FeatureNames, "pol:" + Variables.Pm25),
            TargetMaskFeature = IndexOf(any.FeatureNames, "mask:" + Variables.Pm25),
            Seed = seed,
            WorkDir = workDir,
            UtcOffsetHours = panel.UtcOffsetHours,
            Quick = quick,
            StationIds = [.. panel.Stations.Select(s => s.Id)],
        };
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    private static WindowSet BuildOne(Panel panel, HourRange part, WindowOptions o, StandardScaler scaler, FeatureRows rows, Observed obs)
    {
        if (part.Start < 0 || part.End > panel.Hours)
            throw new ArgumentOutOfRangeException(nameof(part), part.ToString(), $"must lie inside the panel's hours [0, {panel.Hours})");
        var anchors = TimeSplit.AnchorsOf(part, o.W, o.HorizonHours);
        var first = anchors.Start;
        if (o.Daily) // daily windows start at a local midnight (panel hour labelled 00)
            while (first < anchors.End && CyclicEncoding.Local(panel.TimeAt(first), panel.UtcOffsetHours).Hour != 0) first++;
        var k = scaler.IndexOf(Variables.Pm25);
        var (mean, std) = (scaler.Mean[k], scaler.Std[k]);
        var h = o.Horizon;
        var y = new float[h]; var ym = new float[h];
        var keep = new List<(int S, int T0)>();
        for (var s = 0; s < panel.S; s++)
            for (var t0 = first; t0 < anchors.End; t0 += o.EffectiveStride)
            {
                if (!obs.InputOk(s, t0 - o.W, t0, o.MinObservedInputFraction)) continue;
                if (!obs.Targets(s, t0, o, y, ym)) continue;
                keep.Add((s, t0));
            }
        var set = new WindowSet(keep.Count, o.W, rows.F, h, rows.Names);
        var wf = o.W * rows.F;
        for (var n = 0; n < keep.Count; n++)
        {
            var (s, t0) = keep[n];
            set.Station[n] = s;
            set.T0[n] = t0;
            rows.Rows[s].AsSpan((t0 - o.W) * rows.F, wf).CopyTo(set.X.AsSpan(n * wf, wf)); // x: [N, W, F]
            obs.Targets(s, t0, o, y, ym); // recomputed (cheap) rather than stored, to keep one pass of memory
            for (var j = 0; j < h; j++)
            {
                set.Y[n * h + j] = ym[j] > 0 ? (float)((y[j] - mean) / std) : 0f;
                set.YMask[n * h + j] = ym[j];
            }
        }
        return set;
    }
}
