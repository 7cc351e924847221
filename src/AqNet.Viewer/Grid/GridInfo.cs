namespace AqNet.Viewer.Grid;

/// <summary>The per-step fields a reanalysis file can hold, as the viewer names them.</summary>
public enum FieldLayer { Pm25, Uncertainty, Lower, Upper }

/// <summary>What the viewer needs to know about a gridded reanalysis: the regular lat/lon grid (cell edges from the
/// bounds), the output steps (UTC, labelled by their end, with their averaging interval), the layers present and the
/// far-from-stations threshold.</summary>
public sealed record GridInfo
{
    public required int NLon { get; init; }
    public required int NLat { get; init; }
    /// <summary>West edge of the first column and south edge of the first row, degrees.</summary>
    public required double Lon0 { get; init; }
    public required double Lat0 { get; init; }
    public required double Resolution { get; init; }
    public required IReadOnlyList<DateTime> Times { get; init; }
    /// <summary>Start of each step's interval (time_bnds[:, 0]); the step covers (start, time].</summary>
    public required IReadOnlyList<DateTime> Starts { get; init; }
    public required bool Daily { get; init; }
    public required string Units { get; init; }
    public required IReadOnlyList<FieldLayer> Layers { get; init; }
    public required bool HasDistance { get; init; }
    public required bool HasFarMask { get; init; }
    public double? FarThresholdKm { get; init; }
    public double? IntervalCoverage { get; init; }

    public int Steps => Times.Count;
    public int Cells => NLon * NLat;

    /// <summary>The variable name of a layer in the file.</summary>
    public static string VariableOf(FieldLayer layer) => layer switch
    {
        FieldLayer.Pm25 => "pm25",
        FieldLayer.Uncertainty => "pm25_uncertainty",
        FieldLayer.Lower => "pm25_lower",
        FieldLayer.Upper => "pm25_upper",
        _ => throw new ArgumentOutOfRangeException(nameof(layer)),
    };

    /// <summary>The cell (column i, row j from the south) holding a point, or null outside the grid.</summary>
    public (int I, int J)? CellOf(double lon, double lat)
    {
        var i = (int)Math.Floor((lon - Lon0) / Resolution);
        var j = (int)Math.Floor((lat - Lat0) / Resolution);
        return i < 0 || j < 0 || i >= NLon || j >= NLat ? null : (i, j);
    }

    /// <summary>The step index of the hour or day, or a clear error.</summary>
    public void CheckStep(int t)
    {
        if ((uint)t >= (uint)Steps) throw new ArgumentOutOfRangeException(nameof(t), $"step {t} is outside 0..{Steps - 1}");
    }

    internal static DateTime FromHours(double hoursSinceEpoch) => DateTime.UnixEpoch.AddHours(hoursSinceEpoch);

    /// <summary>Edges from the bounds variable [n, 2] (first edge and cell size).</summary>
    internal static (double Start, double Step) Edges(double[] bounds, double[] centres)
    {
        if (bounds.Length >= 2) return (bounds[0], bounds[1] - bounds[0]);
        var step = centres.Length > 1 ? centres[1] - centres[0] : 1;
        return (centres[0] - step / 2, step);
    }
}
