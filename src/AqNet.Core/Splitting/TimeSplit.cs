using AqNet.Core.Data;

namespace AqNet.Core.Splitting;

/// <summary>A chronological train / validation / test split of a panel's hour axis [0, Hours).
/// Layout: train | gap | validation | gap | test, with each gap W + horizon hours long. A window uses
/// hours [t0 − W, t0 + horizonHours) and is only built when all of them lie inside one part, so no window
/// straddles two parts; the gap additionally keeps the last training targets W + horizon hours away from the
/// first validation inputs, which limits leakage through autocorrelation.</summary>
public sealed record TimeSplit(HourRange Train, HourRange Validation, HourRange Test, int Gap, int W, int HorizonHours)
{
    public static TimeSplit ByFraction(int hours, int w, int horizonHours,
        double trainFrac = 0.7, double valFrac = 0.1, double testFrac = 0.2)
    {
        Guard.AtLeast(w, 1, nameof(w));
        Guard.AtLeast(horizonHours, 1, nameof(horizonHours));
        CheckFraction(trainFrac, nameof(trainFrac));
        CheckFraction(valFrac, nameof(valFrac));
        CheckFraction(testFrac, nameof(testFrac));
        var sum = trainFrac + valFrac + testFrac;
        if (Math.Abs(sum - 1) > 1e-9)
            throw new InputException($"split fractions must add up to 1; got train {Fmt.D(trainFrac)} + validation {Fmt.D(valFrac)} + test {Fmt.D(testFrac)} = {Fmt.D(sum)}");

        var gap = w + horizonHours;
        var usable = (long)hours - 2L * gap;
        // Each part must hold at least one window of W + horizon hours.
        var need = w + horizonHours;
        var testLen = (int)Math.Floor(usable * testFrac);
        var valLen = (int)Math.Floor(usable * valFrac);
        var trainLen = (int)(usable - testLen - valLen);
        if (usable <= 0 || trainLen < need || valLen < need || testLen < need)
            throw new InputException(
                $"the panel has {hours.ToString(Fmt.Inv)} hours, too few for a {Fmt.D(trainFrac)}/{Fmt.D(valFrac)}/{Fmt.D(testFrac)} split with W = {w.ToString(Fmt.Inv)} h, " +
                $"horizon {horizonHours.ToString(Fmt.Inv)} h and gaps of {gap.ToString(Fmt.Inv)} h: every part needs at least {need.ToString(Fmt.Inv)} hours");
        var train = new HourRange(0, trainLen);
        var val = new HourRange(trainLen + gap, trainLen + gap + valLen);
        var test = new HourRange(hours - testLen, hours);
        return new TimeSplit(train, val, test, gap, w, horizonHours);
    }

    public IReadOnlyList<HourRange> Parts => [Train, Validation, Test];

    /// <summary>The first-target-hour indices t0 whose window [t0 − W, t0 + horizon) fits in a part, as a
    /// half-open range (empty if none).</summary>
    public HourRange Anchors(HourRange part) => AnchorsOf(part, W, HorizonHours);

    public static HourRange AnchorsOf(HourRange part, int w, int horizonHours)
    {
        var lo = part.Start + w;
        var hi = part.End - horizonHours + 1;
        return hi > lo ? new HourRange(lo, hi) : new HourRange(lo, lo);
    }

    private static void CheckFraction(double f, string name)
    {
        Guard.Between(f, 0, 1, name, "a split fraction");
    }
}
