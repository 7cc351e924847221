using AqNet.Core.Data;

namespace AqNet.Torch.Nn;

/// <summary>Argument checks shared by the Torch folders: the message names the parameter, the value and what is allowed.
/// Comparisons are written so that NaN fails too.</summary>
internal static class Guard
{
    public static void AtLeast(int v, int min, string name)
    {
        if (v < min) throw new ArgumentOutOfRangeException(name, v, $"{name} = {v}; expected an integer >= {min}");
    }

    public static void Positive(double v, string name)
    {
        if (!(v > 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Fmt.D(v)}; expected a finite number > 0");
    }

    public static void NonNegative(double v, string name)
    {
        if (!(v >= 0) || double.IsInfinity(v))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Fmt.D(v)}; expected a finite number >= 0");
    }

    public static void Probability(double v, string name)
    {
        if (!(v >= 0 && v < 1))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Fmt.D(v)}; expected a probability in [0, 1)");
    }

    /// <summary>A per-step decay of a moving average: 0 (off) or a number in (0, 1).</summary>
    public static void Decay(double v, string name)
    {
        if (!(v >= 0 && v < 1))
            throw new ArgumentOutOfRangeException(name, v, $"{name} = {Fmt.D(v)}; expected 0 (off) or a decay in (0, 1)");
    }
}
