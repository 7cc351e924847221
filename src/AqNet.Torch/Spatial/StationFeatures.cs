using AqNet.Core.Data;
using AqNet.Core.Preprocessing;

namespace AqNet.Torch.Spatial;

/// <summary>Per-station hourly input rows for the neural kNN, computed once per panel and hour range.
/// Row layout (F = <see cref="NeuralKnnOptions.Features"/>): each variable standardised (WD as sin/cos instead), then one
/// observation mask per variable, then the 6 cyclic time encodings (local time). Missing values are 0 with mask 0.</summary>
public sealed class StationFeatures
{
    private StationFeatures(int from, int hours, int f, float[][] rows, float[] pm, bool[] pmObserved)
    {
        From = from; Hours = hours; F = f; Rows = rows; Pm25Scaled = pm; Pm25Observed = pmObserved;
    }

    /// <summary>Panel hour index of local hour 0.</summary>
    public int From { get; }
    public int Hours { get; }
    public int F { get; }
    public int S => Rows.Length;
    /// <summary>[S][Hours × F] input rows.</summary>
    public float[][] Rows { get; }
    /// <summary>[Hours, S] PM2.5 in scaled units (0 where missing).</summary>
    public float[] Pm25Scaled { get; }
    /// <summary>[Hours, S] true where PM2.5 is observed.</summary>
    public bool[] Pm25Observed { get; }

    /// <summary>Standardiser of the scalar variables, fitted on observed cells of panel hours [from, to) of the panel's
    /// stations (pass the visible panel: hidden stations must not shape the scaling).</summary>
    public static StandardScaler FitScaler(Panel visible, NeuralKnnOptions o, int from, int to)
    {
        var scalar = o.Variables.Where(v => v != Variables.Wd).ToArray();
        foreach (var v in o.Variables) visible.VariableIndex(v); // clear error naming a missing variable
        var sc = StandardScaler.FitPanel(visible, scalar, from, to);
        if (sc.Count[0] < 2) throw new InputException($"training hours [{from}, {to}) hold fewer than 2 observed PM2.5 values");
        return sc;
    }

    /// <summary>Rows of the given panel stations (indices, in model order) for panel hours [from, to).</summary>
    public static StationFeatures Build(Panel panel, IReadOnlyList<int> stations, NeuralKnnOptions o, StandardScaler scaler, int from, int to)
    {
        if (from < 0 || to > panel.Hours || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"hours [{from}, {to}) must be a non-empty range inside the panel's [0, {panel.Hours})");
        var vars = o.Variables.Select(panel.VariableIndex).ToArray();
        var isWd = o.Variables.Select(v => v == Variables.Wd).ToArray();
        var scaleIdx = o.Variables.Select(v => v == Variables.Wd ? -1 : scaler.IndexOf(v)).ToArray();
        var f = o.Features;
        var maskAt = f - 6 - vars.Length;
        var hours = to - from;
        var rows = new float[stations.Count][];
        var pm = new float[hours * stations.Count];
        var pmObs = new bool[pm.Length];
        var cyc = new float[6];
        for (var s = 0; s < stations.Count; s++) rows[s] = new float[checked(hours * f)];
        for (var t = 0; t < hours; t++)
        {
            CyclicEncoding.Encode(panel.TimeAt(from + t), o.UtcOffsetHours, cyc);
            for (var s = 0; s < stations.Count; s++)
            {
                var row = rows[s].AsSpan(t * f, f);
                var col = 0;
                for (var j = 0; j < vars.Length; j++)
                {
                    var i = panel.Index(from + t, stations[s], vars[j]);
                    var ok = panel.Mask[i];
                    if (isWd[j])
                    {
                        var a = ok ? panel.Values[i] * Math.PI / 180 : 0; // degrees clockwise from north
                        row[col++] = ok ? (float)Math.Sin(a) : 0;
                        row[col++] = ok ? (float)Math.Cos(a) : 0;
                    }
                    else row[col++] = ok ? scaler.Transform(scaleIdx[j], panel.Values[i]) : 0;
                    row[maskAt + j] = ok ? 1 : 0;
                    if (j == 0 && ok) { pm[t * stations.Count + s] = row[0]; pmObs[t * stations.Count + s] = true; }
                }
                cyc.CopyTo(row[(f - 6)..]);
            }
        }
        return new StationFeatures(from, hours, f, rows, pm, pmObs);
    }

    /// <summary>Copies the window of W hours ending at (and including) panel hour t of station s into dst [W × F].
    /// Hours before the built range count as missing (zero rows, masks 0): a reanalysis may start at the panel's start.</summary>
    public void CopyWindow(int s, int t, int w, Span<float> dst)
    {
        var start = t - w + 1 - From;
        if (t < From || t - From >= Hours)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"hour {t} is not inside the built hours [{From}, {From + Hours})");
        var pad = Math.Max(0, -start);
        dst[..(pad * F)].Clear();
        Rows[s].AsSpan((start + pad) * F, (w - pad) * F).CopyTo(dst[(pad * F)..]);
    }
}
