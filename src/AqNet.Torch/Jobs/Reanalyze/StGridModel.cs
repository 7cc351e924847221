using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Core.NetCdf;
using AqNet.Core.Spatial;
using AqNet.Torch.Impute;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>The production aqnet-st model (`aqnet fit`) on a grid: each cell is a place without a station (virtual
/// sensing) that reads the windows of its nearest stations on both sides of every hour; the 90% interval is the one
/// calibrated when the model was fitted, and its coverage measured then travels into the file.</summary>
internal sealed class StGridModel(StImputer model, StModelInfo info, IReadOnlyList<Station> stations) : IGridModel
{
    public static StGridModel Open(string dir, Core.Store.AqStore store)
    {
        var (model, info) = StCheckpoint.Load(StCheckpoint.PathIn(dir));
        var ids = info.Stations.ToHashSet();
        var located = Core.Store.StoreReader.Stations(store).Select(s => s.Station).Where(s => ids.Contains(s.Id) && s.HasCoordinates).ToList();
        if (located.Count < 2)
        {
            model.Dispose();
            throw new InputException($"--model '{dir}': {located.Count} of the model's {ids.Count} stations are located stations of the store; expected at least 2 (was the model fitted on this store?)");
        }
        return new StGridModel(model, info, located);
    }

    public IReadOnlyList<Station> Stations => stations;
    public IReadOnlyList<string> Variables { get; } = [Core.Data.Variables.Pm25];
    /// <summary>A chunk's windows on both sides, and a whole chunk more: the chunks are aligned to the clock (see
    /// <see cref="ChunkAt"/>), so the one holding the first or last hour asked for may reach that far beyond it.</summary>
    public int HoursBefore => info.Options.Window + ChunkHours;
    public int HoursAfter => info.Options.Window + ChunkHours;
    /// <summary>Per cell and hour of a chunk (<see cref="ChunkHours"/> plus the windows on both sides): the panel's value,
    /// mask and flags, the base estimate, the inputs mask and the estimate accumulators (3 doubles and a weight), the
    /// chunk's three outputs and a day's slice of them; plus the graph's per-node features of a window.</summary>
    public long TileBytesPerCell => (ChunkHours + 2L * info.Options.Window) * (4 + 1 + 1 + 4 + 1 + 32 + 12) + 24 * 12 + 4L * info.Options.Window * 64;
    public IReadOnlyList<GridVariable> StepVariables =>
    [
        GridVariable.Pm25(),
        GridVariable.Pm25Bound(false, IntervalCalibration.Level, info.MeasuredCoverage),
        GridVariable.Pm25Bound(true, IntervalCalibration.Level, info.MeasuredCoverage),
    ];
    public string Describe => $"aqnet-st of {stations.Count} stations{(info.Quick ? " (a --quick model)" : "")}";

    public string Source(string stationNames) =>
        $"AqNet reanalysis model aqnet-st (both sides in time, the {info.Options.Neighbours} nearest stations' windows) from {stations.Count} stations of {stationNames}; " +
        $"pm25_lower/pm25_upper: the {Fmt.D(100 * IntervalCalibration.Level)}% interval calibrated on validation gaps" +
        (info.MeasuredCoverage is { } c ? $", which held {Fmt.F(100 * c, 1)}% of validation values not used to calibrate it" : "") +
        (info.Quick ? "; trained with --quick (a short schedule, a first look)" : "");

    /// <summary>Hours estimated at once: the grid asks local day by local day, but every call pays for the windows
    /// reaching over its edges, so a tile's hours are estimated in chunks of this many and handed out by the day.</summary>
    public const int ChunkHours = 120;
    private IReadOnlyList<GeoPoint>? _points;
    private int _c0 = -1;
    private float[][] _chunk = [];

    public float[][] Estimate(Panel panel, IReadOnlyList<GeoPoint> points, int from, int to, CancellationToken ct)
    {
        var n = points.Count;
        var outs = new[] { new float[(to - from) * n], new float[(to - from) * n], new float[(to - from) * n] };
        for (var t = from; t < to;)
        {
            var (c0, c1) = ChunkAt(panel, t);
            if (!ReferenceEquals(points, _points) || c0 != _c0)
            {
                _chunk = [];   // release the previous chunk before the next is made
                _chunk = Compute(panel, points, c0, c1, ct);
                (_points, _c0) = (points, c0);
            }
            var end = Math.Min(to, c1);
            for (var k = 0; k < outs.Length; k++) Array.Copy(_chunk[k], (t - c0) * n, outs[k], (t - from) * n, (end - t) * n);
            t = end;
        }
        return outs;
    }

    /// <summary>The chunk [c0, c1) of panel hours that holds hour <paramref name="t"/>. Chunks are whole multiples of
    /// <see cref="ChunkHours"/> since 1970-01-01 UTC, clipped to the panel, so a shard with its own time slice and panel
    /// cuts the same chunks as the single run; an estimate depends on its chunk's hours (the windows' positions, the
    /// kriging base's variogram), and so is the same bit for bit.</summary>
    private static (int C0, int C1) ChunkAt(Panel panel, int t)
    {
        var clock = (long)Math.Round((panel.TimeAt(t) - DateTime.UnixEpoch).TotalHours);
        var c0 = t - (int)(((clock % ChunkHours) + ChunkHours) % ChunkHours);
        return (Math.Max(0, c0), Math.Min(panel.Hours, c0 + ChunkHours));
    }

    private float[][] Compute(Panel panel, IReadOnlyList<GeoPoint> points, int from, int to, CancellationToken ct)
    {
        var (n, hours, S) = (points.Count, to - from, panel.S);
        var t0 = Math.Max(0, from - info.Options.Window);
        var t1 = Math.Min(panel.Hours, to + info.Options.Window);
        // The stations then one pseudo-station per cell, hidden: never observed, never anyone's neighbour.
        var cells = points.Select((p, k) => new Station($"cell {k}", $"cell {k}", p.Lon, p.Lat));
        var all = new Panel(panel.TimeAt(t0), t1 - t0, [.. panel.Stations, .. cells], [Core.Data.Variables.Pm25]);
        var v = panel.VariableIndex(Core.Data.Variables.Pm25);
        for (var t = t0; t < t1; t++)
            for (var s = 0; s < S; s++)
            {
                var i = panel.Index(t, s, v);
                if (panel.Mask[i]) all.Set(t - t0, s, 0, panel.Values[i], panel.Flags[i]);
            }
        var task = ImputeProduction.Inputs(all, Core.Data.Variables.Pm25, info.UtcOffsetHours);
        var hidden = new bool[all.S];
        for (var k = 0; k < n; k++) hidden[S + k] = true;
        var where = new bool[task.T * all.S];
        for (var t = from; t < to; t++)
            for (var k = 0; k < n; k++) where[(t - t0) * all.S + S + k] = true;
        var e = model.EstimateCalibrated(task, hidden, where, info.Calibration, ct);
        var outs = new[] { new float[hours * n], new float[hours * n], new float[hours * n] };
        for (var h = 0; h < hours; h++)
            for (var k = 0; k < n; k++)
            {
                var i = (from + h - t0) * all.S + S + k;
                outs[0][h * n + k] = e.Median[i];
                outs[1][h * n + k] = e.Lower[i];
                outs[2][h * n + k] = e.Upper[i];
            }
        return outs;
    }

    public void Dispose() => model.Dispose();
}
