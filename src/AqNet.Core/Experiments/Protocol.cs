using AqNet.Core.Data;

namespace AqNet.Core.Experiments;

/// <summary>A temporal evaluation protocol: input length, target resolution and horizons (in steps), plus the
/// paper's numbers for AQ-Net under its own (leaky, not comparable) setup.</summary>
public sealed record Protocol(string Name, int W, bool Daily, IReadOnlyList<int> Horizons,
    IReadOnlyList<double> PaperMae, IReadOnlyList<double?> PaperR2, string Description)
{
    /// <summary>Kheder et al. Table 1: 24 h of hourly inputs → PM2.5 for the next 6, 12, 24 hours.</summary>
    public static readonly Protocol Table1 = new("table1", 24, false, [6, 12, 24], [18.71, 22.04, 26.18], [0.51, 0.41, 0.19],
        "24 hourly input steps; targets are the next 6, 12 and 24 hourly PM2.5 values");

    /// <summary>Kheder et al. Table 2: 336 h of hourly inputs → daily mean PM2.5 for the next 2, 4, 7 days.</summary>
    public static readonly Protocol Table2 = new("table2", 336, true, [2, 4, 7], [13.57, 17.44, 21.29], [null, null, null],
        "336 hourly input steps (14 days); targets are the daily mean PM2.5 of the next 2, 4 and 7 local calendar days");

    public static Protocol Get(string name) => name.ToLowerInvariant() switch
    {
        "table1" => Table1,
        "table2" => Table2,
        _ => throw new InputException($"unknown protocol '{name}'; expected table1 or table2"),
    };

    public int StepHours => Daily ? 24 : 1;

    public string Label(int horizon) => horizon.ToString(Fmt.Inv) + (Daily ? "d" : "h");
}
