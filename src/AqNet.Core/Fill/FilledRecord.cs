using AqNet.Core.Data;

namespace AqNet.Core.Fill;

/// <summary>Where a value of a filled record comes from (stored as these numbers: NetCDF flag_values, the store's flag).</summary>
public enum FillFlag : byte
{
    Observed = 0,
    /// <summary>Estimated: the station had no usable observation at that hour.</summary>
    Filled = 1,
    /// <summary>Observed, passed through unchanged, but marked by quality control (see docs/quality-control.md).</summary>
    ObservedFlagged = 2,
}

/// <summary>The gap-filled PM2.5 record of a set of stations: every station at every hour of [StartUtc, StartUtc + Hours),
/// hours labelled by their end in UTC. Arrays are row-major [time, station]: the value (µg/m³; observed values pass
/// through unchanged), the lower and upper bound of the central prediction interval of coverage NominalCoverage (equal to
/// the value where observed), and the flag. MeasuredCoverage is how often the interval held the truth on data the
/// filler did not use to set it, when the filler measured it.</summary>
public sealed record FilledRecord
{
    public FilledRecord(IReadOnlyList<Station> stations, DateTime startUtc, int hours)
    {
        if (startUtc.Kind != DateTimeKind.Utc) throw new ArgumentException($"startUtc must be UTC, got Kind={startUtc.Kind}", nameof(startUtc));
        Guard.AtLeast(hours, 0, nameof(hours));
        Stations = stations;
        StartUtc = startUtc;
        Hours = hours;
        var n = checked(hours * stations.Count);
        Value = new float[n];
        Lower = new float[n];
        Upper = new float[n];
        Flag = new FillFlag[n];
    }

    public IReadOnlyList<Station> Stations { get; }
    public DateTime StartUtc { get; }
    public int Hours { get; }
    public float[] Value { get; }
    public float[] Lower { get; }
    public float[] Upper { get; }
    public FillFlag[] Flag { get; }
    public double NominalCoverage { get; init; } = 0.9;
    public double? MeasuredCoverage { get; init; }
    /// <summary>How the gaps were filled, one line (for the files' source attribute).</summary>
    public string Method { get; init; } = "";

    public int S => Stations.Count;

    public int Index(int t, int s) => t * S + s;

    public DateTime TimeAt(int t) => StartUtc.AddHours(t);

    public long Count(FillFlag f) => Flag.LongCount(x => x == f);

    /// <summary>The record of the given stations only (in that order).</summary>
    public FilledRecord Select(IReadOnlyList<string> ids)
    {
        var index = ids.Select(id => Stations.Select(s => s.Id).ToList().IndexOf(id) is var i && i >= 0 ? i
            : throw new ArgumentException($"station '{id}' is not in the record", nameof(ids))).ToArray();
        var r = new FilledRecord([.. index.Select(i => Stations[i])], StartUtc, Hours)
            { NominalCoverage = NominalCoverage, MeasuredCoverage = MeasuredCoverage, Method = Method };
        for (var t = 0; t < Hours; t++)
            for (var k = 0; k < index.Length; k++)
            {
                var (to, from) = (r.Index(t, k), Index(t, index[k]));
                (r.Value[to], r.Lower[to], r.Upper[to], r.Flag[to]) = (Value[from], Lower[from], Upper[from], Flag[from]);
            }
        return r;
    }
}

/// <summary>Fills the PM2.5 gaps of a panel's stations. The panel may hold context hours around the output range
/// [fromHour, toHour) (panel indices); observed values pass through unchanged.</summary>
public interface IStationFiller
{
    /// <summary>One line for the files' source attribute.</summary>
    string Method { get; }

    /// <summary>Hours of context the filler wants loaded on each side of the output range.</summary>
    int ContextHours { get; }

    FilledRecord Fill(Panel panel, int fromHour, int toHour, IProgress<string>? progress, CancellationToken ct);
}
