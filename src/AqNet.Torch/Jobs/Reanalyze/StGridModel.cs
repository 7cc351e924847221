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
    public int HoursBefore => info.Options.Window;
    public int HoursAfter => info.Options.Window;
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
    private int _c0, _c1;
    private float[][] _chunk = [];

    public float[][] Estimate(Panel panel, IReadOnlyList<GeoPoint> points, int from, int to, CancellationToken ct)
    {
        if (!ReferenceEquals(points, _points) || from < _c0 || to > _c1)
        {
            var end = Math.Max(to, Math.Min(panel.Hours - HoursAfter, from + ChunkHours));
            _chunk = [];   // release the previous chunk before the next is made
            _chunk = Compute(panel, points, from, end, ct);
            (_points, _c0, _c1) = (points, from, end);
        }
        var n = points.Count;
        return [.. _chunk.Select(a => a.AsSpan((from - _c0) * n, (to - from) * n).ToArray())];
    }

    private float[][] Compute(Panel panel, IReadOnlyList<GeoPoint> points, int from, int to, CancellationToken ct)
    {
        var (n, hours, S) = (points.Count, to - from, panel.S);
        var t0 = Math.Max(0, from - HoursBefore);
        var t1 = Math.Min(panel.Hours, to + HoursAfter);
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
