using AqNet.Core.Data;
using AqNet.Core.Splitting;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>The hours of a spatial experiment: test = the last round(TestFraction × hours) hours (exactly the classical
/// baseline evaluation's test part); validation = round(ValidationFraction × hours) hours ending a gap before the test;
/// training = everything before another gap. Gaps are W + the longest horizon, so no window or target crosses parts.</summary>
public sealed record SpatialSplit(HourRange Train, HourRange Validation, HourRange Test, int Gap)
{
    public static SpatialSplit Of(int hours, double testFraction, double validationFraction, int window, int maxHorizon)
    {
        var gap = window + maxHorizon;
        var testLen = (int)Math.Round(hours * testFraction, MidpointRounding.AwayFromZero);
        var valLen = (int)Math.Round(hours * validationFraction, MidpointRounding.AwayFromZero);
        var test = new HourRange(hours - testLen, hours);
        var val = new HourRange(test.Start - gap - valLen, test.Start - gap);
        var train = new HourRange(0, val.Start - gap);
        if (testLen < 1 || valLen < gap || train.Length < 2 * gap)
            throw new InputException($"the panel has {hours.ToString(Fmt.Inv)} hours, too few for a spatial split with {Fmt.D(testFraction)} test, " +
                                     $"{Fmt.D(validationFraction)} validation and gaps of {gap.ToString(Fmt.Inv)} h");
        return new SpatialSplit(train, val, test, gap);
    }
}
