using AqNet.Core.Data;
using AqNet.Core.Preprocessing;

namespace AqNet.Core.Windows;

/// <summary>The per-hour feature vectors of every station, computed once: rows[s] is [T, F] so a window's
/// inputs are one contiguous copy of W·F floats. Missing inputs are 0 after scaling with their mask feature 0;
/// missing meteorology is 0 (no mask feature: the paper's inputs are the pollutants).</summary>
internal sealed class FeatureRows
{
    public required string[] Names { get; init; }
    public required float[][] Rows { get; init; }

    public int F => Names.Length;

    /// <summary>Scalar meteorology standardised like the pollutants; WD is encoded as sin/cos instead.</summary>
    public static readonly IReadOnlyList<string> ScalarMeteorology =
        [Variables.Temp, Variables.Pres, Variables.Dewp, Variables.Rain, Variables.Wspm];

    public static FeatureRows Build(Panel panel, WindowOptions o, StandardScaler scaler)
    {
        var pols = Variables.Pollutants.Where(p => panel.Variables.Contains(p) && (o.IncludeTargetHistory || p != Variables.Pm25)).ToArray();
        var mets = o.IncludeMeteorology ? ScalarMeteorology.Where(panel.Variables.Contains).ToArray() : [];
        var wd = o.IncludeMeteorology && panel.Variables.Contains(Variables.Wd);
        if (o.IncludeMeteorology && mets.Length == 0 && !wd)
            throw new InputException($"meteorology was requested but the panel has none of {string.Join(", ", Variables.Meteorology)}");
        var names = new List<string>();
        names.AddRange(pols.Select(p => "pol:" + p));
        names.AddRange(pols.Select(p => "mask:" + p));
        names.AddRange(mets.Select(m => "met:" + m));
        if (wd) names.AddRange(["met:WD_sin", "met:WD_cos"]);
        if (o.CyclicEncoding) names.AddRange(CyclicEncoding.Names);
        var f = names.Count;

        // (panel variable, scaler feature) for the standardised columns: pollutants then meteorology.
        var scaled = pols.Concat(mets).Select(v => (V: panel.VariableIndex(v), K: scaler.IndexOf(v))).ToArray();
        var wdV = wd ? panel.VariableIndex(Variables.Wd) : -1;
        var cycAt = names.Count - (o.CyclicEncoding ? CyclicEncoding.Names.Count : 0);
        var cyc = new float[CyclicEncoding.Names.Count];
        var rows = new float[panel.S][];
        for (var s = 0; s < panel.S; s++) rows[s] = new float[checked(panel.Hours * f)];
        for (var t = 0; t < panel.Hours; t++)
        {
            if (o.CyclicEncoding) CyclicEncoding.Encode(panel.TimeAt(t), panel.UtcOffsetHours, cyc);
            for (var s = 0; s < panel.S; s++)
            {
                var row = rows[s].AsSpan(t * f, f);
                for (var j = 0; j < scaled.Length; j++)
                {
                    var i = panel.Index(t, s, scaled[j].V);
                    if (!panel.Mask[i]) continue; // stays 0, and so does its mask feature
                    row[j < pols.Length ? j : pols.Length + j] = scaler.Transform(scaled[j].K, panel.Values[i]);
                    if (j < pols.Length) row[pols.Length + j] = 1;
                }
                if (wd)
                {
                    var i = panel.Index(t, s, wdV);
                    if (panel.Mask[i])
                    {
                        var a = panel.Values[i] * Math.PI / 180; // degrees clockwise from north
                        row[cycAt - 2] = (float)Math.Sin(a);
                        row[cycAt - 1] = (float)Math.Cos(a);
                    }
                }
                if (o.CyclicEncoding) cyc.CopyTo(row[cycAt..]);
            }
        }
        return new FeatureRows { Names = [.. names], Rows = rows };
    }
}
