using AqNet.Core.Data;
using AqNet.Core.Grid;

namespace AqNet.Torch.Jobs;

/// <summary>Options of `aqnet reanalyze`, parsed and checked (bad values → InputException naming them).</summary>
public sealed record ReanalyzeOptions
{
    public required string ModelDir { get; init; }
    public required string StorePath { get; init; }
    public required GridSpec Grid { get; init; }
    /// <summary>First and last hour (inclusive), UTC.</summary>
    public required DateTime FromUtc { get; init; }
    public required DateTime ToUtc { get; init; }
    public required string OutPath { get; init; }
    public bool Daily { get; init; }
    public string? PngDir { get; init; }
    public IReadOnlyList<int>? Ks { get; init; }

    public static GridSpec ParseGrid(string bbox, double resolution)
    {
        var parts = bbox.Split(',');
        var v = new double[4];
        if (parts.Length != 4 || parts.Select((p, i) => Fmt.TryParseDouble(p.Trim(), out v[i])).Any(ok => !ok))
            throw new InputException($"--bbox '{bbox}': expected four numbers LON0,LAT0,LON1,LAT1 in degrees, e.g. 115.9,39.6,116.9,40.5");
        return new GridSpec(v[0], v[1], v[2], v[3], resolution);
    }

    /// <summary>Accepts yyyy-MM-dd (midnight) or yyyy-MM-ddTHH[:mm], read as UTC.</summary>
    public static DateTime ParseUtc(string text, string option) => UtcHour.Parse(text, option);
}
