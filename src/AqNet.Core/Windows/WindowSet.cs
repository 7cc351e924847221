namespace AqNet.Core.Windows;

/// <summary>Supervised samples precomputed as flat arrays, ready to become tensors without per-sample
/// allocation. Sample n is station <see cref="Station"/>[n]: inputs cover panel hours T0[n]-W .. T0[n]-1, and the
/// targets are the H horizon steps after that (hours, or daily means for the daily protocol).
/// X and Y are in scaled units (scalers fitted on the training part only); metrics inverse-scale first.</summary>
public sealed class WindowSet
{
    public WindowSet(int n, int w, int f, int h, IReadOnlyList<string> featureNames)
    {
        if (featureNames.Count != f) throw new ArgumentException($"featureNames has {featureNames.Count} names but f = {f}", nameof(featureNames));
        N = n; W = w; F = f; H = h;
        FeatureNames = featureNames;
        X = new float[checked(n * w * f)];
        Y = new float[checked(n * h)];
        YMask = new float[checked(n * h)];
        Station = new int[n];
        T0 = new int[n];
    }

    public int N { get; }
    /// <summary>Input window length in hours (24 or 336).</summary>
    public int W { get; }
    public int F { get; }
    /// <summary>Number of target steps (6/12/24 hours, or 2/4/7 days).</summary>
    public int H { get; }
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>[N, W, F] scaled inputs; a missing input is 0 and its mask feature (named "mask:VAR") is 0.</summary>
    public float[] X { get; }
    /// <summary>[N, H] scaled PM2.5 targets; 0 where missing.</summary>
    public float[] Y { get; }
    /// <summary>[N, H] 1 where the target is a real observation, else 0 (float so the loss can multiply).</summary>
    public float[] YMask { get; }
    /// <summary>[N] station index in the panel the windows came from.</summary>
    public int[] Station { get; }
    /// <summary>[N] panel hour index of the first target hour.</summary>
    public int[] T0 { get; }

    /// <summary>Indices of features whose names start with a prefix (e.g. "cyc:" for the cyclic encodings).</summary>
    public int[] FeatureIndices(string prefix)
    {
        var list = new List<int>();
        for (var i = 0; i < F; i++) if (FeatureNames[i].StartsWith(prefix, StringComparison.Ordinal)) list.Add(i);
        return [.. list];
    }
}
