using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using AqNet.Core.Windows;

namespace AqNet.Torch.Training;

/// <summary>A short hash identifying the data a model was trained on, so a checkpoint is never silently resumed or
/// applied to other data. Covers shapes, feature names, the target scaler, stations, times and targets in full, and
/// the inputs X of up to 2,048 evenly spaced samples (hashing gigabytes of X would cost seconds for little gain:
/// any change of panel, split or scaling already changes the targets, times or scaler).</summary>
public static class DataFingerprint
{
    private const int SampledRows = 2048;

    public static string Of(WindowSet set, WindowContext context)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(context);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = FormattableString.Invariant(
            $"{set.N}|{set.W}|{set.F}|{set.H}|{string.Join(",", set.FeatureNames)}|{context.TargetMean:R}|{context.TargetStd:R}|{context.StepHours}|{context.PanelStartUtc:O}");
        h.AppendData(Encoding.UTF8.GetBytes(header));
        h.AppendData(MemoryMarshal.AsBytes(set.Station.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(set.T0.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(set.Y.AsSpan()));
        h.AppendData(MemoryMarshal.AsBytes(set.YMask.AsSpan()));
        var row = set.W * set.F;
        var step = Math.Max(1, set.N / SampledRows);
        for (var n = 0; n < set.N; n += step)
            h.AppendData(MemoryMarshal.AsBytes(set.X.AsSpan(n * row, row)));
        return "sha256:" + Convert.ToHexStringLower(h.GetHashAndReset())[..24];
    }
}
