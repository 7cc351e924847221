using AqNet.Core.Data;
using AqNet.Core.Grid;

namespace AqNet.Torch.Jobs.Reanalyze;

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
    /// <summary>Refuse when the estimated output is larger (bytes).</summary>
    public long MaxOutputBytes { get; init; } = DefaultMaxOutput;
    /// <summary>Cells farther than this from the nearest station are flagged far_from_stations; null = twice the median
    /// nearest-neighbour spacing of the model's stations.</summary>
    public double? FarKm { get; init; }
    public PartialDays PartialDays { get; init; } = PartialDays.Drop;
    /// <summary>Who produced the file (NetCDF institution); null = the data's publishers and AqNet.</summary>
    public string? Institution { get; init; }
    /// <summary>The command as typed, for the file's history; null = rebuilt from these options.</summary>
    public string? CommandLine { get; init; }
    /// <summary>The file's creation time (history, date_created); null = now. The parts of a sharded run share one.</summary>
    public DateTime? CreatedUtc { get; init; }

    public const long DefaultMaxOutput = 10L << 30;

    public static double? ParseFarKm(double? km) => km is { } v && !(v > 0 && double.IsFinite(v))
        ? throw new InputException($"--far-km {Fmt.D(v)}: expected a distance in km > 0")
        : km;

    /// <summary>The command that these options stand for (used when the caller gives none, e.g. the demo).</summary>
    public string RebuiltCommandLine() => "aqnet " + Core.NetCdf.CfMetadata.CommandLine(
    [
        "reanalyze", "--model", ModelDir, "--store", StorePath,
        "--bbox", $"{Fmt.D(Grid.Lon0)},{Fmt.D(Grid.Lat0)},{Fmt.D(Grid.Lon1)},{Fmt.D(Grid.Lat1)}", "--resolution", Fmt.D(Grid.ResolutionDeg),
        "--from", Fmt.Utc(FromUtc), "--to", Fmt.Utc(ToUtc), "--out", OutPath,
        .. Daily ? new[] { "--daily", "--partial-days", PartialDays.ToString().ToLowerInvariant() } : [],
        .. PngDir is null ? [] : new[] { "--png", PngDir },
        .. Ks is null ? [] : new[] { "--k", string.Join(",", Ks) },
        .. FarKm is { } f ? new[] { "--far-km", Fmt.D(f) } : [],
    ]);

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
