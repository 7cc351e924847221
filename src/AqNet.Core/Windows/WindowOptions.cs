using AqNet.Core.Data;
using AqNet.Core.Preprocessing;

namespace AqNet.Core.Windows;

/// <summary>How windows are cut from a panel. Horizon counts target steps: hours, or days when
/// <see cref="Daily"/> (each step then is the mean of one local calendar day, panel hours labelled 00..23).</summary>
public sealed record WindowOptions
{
    /// <summary>Input length in hours (24 for Table 1, 336 for Table 2).</summary>
    public required int W { get; init; }
    /// <summary>Number of target steps: hours (6/12/24), or days (2/4/7) when Daily.</summary>
    public required int Horizon { get; init; }
    public bool Daily { get; init; }
    /// <summary>Hours between consecutive window starts of one station; 0 = default (1 hourly, 24 daily).
    /// Daily windows start at local midnight, so a daily stride must be a multiple of 24.</summary>
    public int Stride { get; init; }
    /// <summary>Feed PM2.5's own history ("pol:PM2.5" + "mask:PM2.5"); false reproduces the paper, which never did.</summary>
    public bool IncludeTargetHistory { get; init; } = true;
    /// <summary>Add "met:" features (TEMP, PRES, DEWP, RAIN, WSPM standardised; WD as sin/cos) when the panel has them.</summary>
    public bool IncludeMeteorology { get; init; }
    public bool CyclicEncoding { get; init; } = true;
    /// <summary>A window is skipped when less than this fraction of its input hours has PM2.5 observed, or less than
    /// this fraction of its six-pollutant input cells is observed. Independent of the feature options, so every
    /// model variant is scored on the same windows.</summary>
    public double MinObservedInputFraction { get; init; } = 0.5;
    /// <summary>A daily mean needs at least this many observed hours of its 24, else the target step is masked.</summary>
    public int MinHoursPerDay { get; init; } = 18;

    public int StepHours => Daily ? 24 : 1;
    public int HorizonHours => Horizon * StepHours;
    public int EffectiveStride => Stride > 0 ? Stride : StepHours;

    public void Validate()
    {
        Guard.AtLeast(W, 1, nameof(W));                 // hours
        Guard.AtLeast(Horizon, 1, nameof(Horizon));     // steps
        Guard.AtLeast(Stride, 0, nameof(Stride));       // hours; 0 = the default
        if (Daily && EffectiveStride % 24 != 0)
            throw new ArgumentOutOfRangeException(nameof(Stride), Stride, "daily windows start at local midnight: stride must be a multiple of 24 hours");
        Guard.Fraction(MinObservedInputFraction, nameof(MinObservedInputFraction));
        Guard.InRange(MinHoursPerDay, 1, 24, nameof(MinHoursPerDay), "a number of hours");
    }

    /// <summary>Human-readable one-liner for logs and reports.</summary>
    public override string ToString() =>
        $"W={W.ToString(Fmt.Inv)}h horizon={Horizon.ToString(Fmt.Inv)}{(Daily ? "d" : "h")} stride={EffectiveStride.ToString(Fmt.Inv)}h " +
        $"pm25History={IncludeTargetHistory} met={IncludeMeteorology} cyc={CyclicEncoding}";
}
