using AqNet.Core.Data;

namespace AqNet.Core.Windows;

/// <summary>Prefix counts of observed PM2.5 and of observed six-pollutant cells per station, so the sparsity test
/// of any window is O(1), plus the target extraction (hourly values or daily means in µg/m³).</summary>
internal sealed class Observed
{
    private readonly Panel _p;
    private readonly int _pm;
    private readonly int[] _pols;
    private readonly int[][] _cumPm;  // [S][T+1]
    private readonly int[][] _cumPol; // [S][T+1]

    public Observed(Panel panel)
    {
        _p = panel;
        _pm = panel.VariableIndex(Variables.Pm25);
        _pols = [.. Variables.Pollutants.Where(panel.Variables.Contains).Select(panel.VariableIndex)];
        _cumPm = new int[panel.S][];
        _cumPol = new int[panel.S][];
        for (var s = 0; s < panel.S; s++)
        {
            var a = _cumPm[s] = new int[panel.Hours + 1];
            var b = _cumPol[s] = new int[panel.Hours + 1];
            for (var t = 0; t < panel.Hours; t++)
            {
                a[t + 1] = a[t] + (panel.Mask[panel.Index(t, s, _pm)] ? 1 : 0);
                var c = 0;
                foreach (var v in _pols) if (panel.Mask[panel.Index(t, s, v)]) c++;
                b[t + 1] = b[t] + c;
            }
        }
    }

    /// <summary>True when hours [from, to) have PM2.5 and all-pollutant observed fractions both ≥ min.</summary>
    public bool InputOk(int s, int from, int to, double min)
    {
        var hours = to - from;
        var pm = _cumPm[s][to] - _cumPm[s][from];
        var pol = _cumPol[s][to] - _cumPol[s][from];
        return pm >= min * hours && pol >= min * hours * _pols.Length;
    }

    /// <summary>Fills y (µg/m³) and mask for the Horizon steps from t0; false when no step is observed.</summary>
    public bool Targets(int s, int t0, WindowOptions o, float[] y, float[] mask)
    {
        var any = false;
        for (var j = 0; j < o.Horizon; j++)
        {
            y[j] = 0; mask[j] = 0;
            if (!o.Daily)
            {
                var i = _p.Index(t0 + j, s, _pm);
                if (_p.Mask[i]) { y[j] = _p.Values[i]; mask[j] = 1; any = true; }
                continue;
            }
            double sum = 0; var n = 0;
            for (var t = t0 + 24 * j; t < t0 + 24 * (j + 1); t++)
            {
                var i = _p.Index(t, s, _pm);
                if (_p.Mask[i]) { sum += _p.Values[i]; n++; }
            }
            if (n >= o.MinHoursPerDay) { y[j] = (float)(sum / n); mask[j] = 1; any = true; }
        }
        return any;
    }
}
