using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.NetCdf;
using AqNet.Core.Spatial;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>What a reanalysis run computes: output steps (hours or local days), work blocks (the local-day pieces of
/// the hours, so daily means and summaries never straddle a block), summary years, tile height, mapped steps, and the
/// network's UTC offset that local days and map titles follow (the store's, carried by the panel).</summary>
internal sealed record GridPlan(GridSpec Grid, IReadOnlyList<OutputStep> Steps, IReadOnlyList<OutputStep> Blocks, bool Daily,
    int[] Years, int TileRows, int[] MappedSteps, double FarKm, int UtcOffsetHours);

/// <summary>Estimates the grid tile by tile (bands of whole rows) and, inside a tile, local day by local day: the
/// neighbour geometry of a tile is prepared once and its memory stays within the tile budget. Estimates are clamped at
/// 0 µg/m³. Each piece goes straight to the writer; kept for the whole grid are only the period sums, the far mask, a
/// bounded sample of values for the colour scale and the mapped steps (spilled to a temp file).</summary>
internal sealed class GridTiles(GridPlan plan, IGridModel est, Panel panel, int first,
    DatasetWriter writer, SliceSpill? maps, SummaryReport report)
{
    private const int SampleTarget = 200_000; // values kept for the colour scale's percentile
    private readonly double[] _periodSum = new double[plan.Grid.CellCount];
    private readonly int[] _periodCount = new int[plan.Grid.CellCount];
    private readonly List<float> _sample = [];
    private readonly long _sampleStride = Math.Max(1, (long)plan.Grid.CellCount * plan.Steps.Count / SampleTarget);

    public sbyte[] FarMask { get; } = new sbyte[plan.Grid.CellCount];

    public float[] PeriodMean() => [.. _periodSum.Select((s, p) => _periodCount[p] == 0 ? float.NaN : (float)(s / _periodCount[p]))];

    /// <summary>0 to the 99th percentile of the sampled step values (at least 1), the colour scale of the step maps.</summary>
    public (double Min, double Max) Range()
    {
        if (_sample.Count == 0) return (0, 1);
        _sample.Sort();
        return (0, Math.Max(1, _sample[(int)(0.99 * (_sample.Count - 1))]));
    }

    public void Run(IProgress<string>? progress, CancellationToken ct)
    {
        var g = plan.Grid;
        var tiles = (g.NLat + plan.TileRows - 1) / plan.TileRows;
        for (var r0 = 0; r0 < g.NLat; r0 += plan.TileRows)
        {
            var rows = Math.Min(plan.TileRows, g.NLat - r0);
            var points = new GeoPoint[rows * g.NLon];
            for (var j = 0; j < rows; j++)
                for (var i = 0; i < g.NLon; i++) points[j * g.NLon + i] = g.Centre(i, r0 + j);
            var c0 = r0 * g.NLon;
            var dist = GridDistances.NearestStationKm(points, est.Stations);
            writer.Write<float>(ReanalysisSchema.Distance, c0, [.. dist.Select(d => (float)d)]);
            var far = GridDistances.FarMask(dist, plan.FarKm);
            writer.Write<sbyte>(ReanalysisSchema.Far, c0, far);
            far.CopyTo(FarMask, c0);
            Tile(points, c0, ct);
            if (tiles == 1) continue;
            progress?.Report($"tile {r0 / plan.TileRows + 1}/{tiles} done ({rows} of {g.NLat} rows)");
            // A tile's large arrays live on the large-object heap, which only a full collection frees; collect now so
            // that peak memory stays one tile, not several (a collection costs little next to a tile's estimation).
            GC.Collect();
        }
    }

    private void Tile(GeoPoint[] points, int c0, CancellationToken ct)
    {
        var n = points.Length;
        var names = est.StepVariables.Select(v => v.Name).ToArray();
        var days = names.Select(_ => new float[n]).ToArray();
        var stepOf = plan.Daily ? plan.Steps.Select((s, i) => (s.FirstHour, i)).ToDictionary(x => x.FirstHour, x => x.i) : null;
        var annual = new AnnualAccumulator(n);
        int? year = null;
        foreach (var b in plan.Blocks)
        {
            ct.ThrowIfCancellationRequested();
            var e = est.Estimate(panel, points, first + b.FirstHour, first + b.FirstHour + b.Hours, ct);   // [variable][hour, point]
            if (!plan.Daily)
                for (var h = 0; h < b.Hours; h++)
                    Step(b.FirstHour + h, c0, names, [.. e.Select(a => a.AsMemory(h * n, n))]);
            else if (stepOf!.TryGetValue(b.FirstHour, out var s))
            {
                var min = b.Partial ? 1 : AirQualityLimits.MinHoursPerDay;
                for (var k = 0; k < names.Length; k++) AnnualAccumulator.DailyMean(e[k], b.Hours, min, days[k]);
                Step(s, c0, names, [.. days.Select(d => d.AsMemory())]);
            }
            if (b.Hours < 24) continue; // summaries count complete local days only
            if (year is { } y && y != b.LocalDate!.Value.Year) Summary(annual, y, c0);
            year = b.LocalDate!.Value.Year;
            var day = new float[n];
            AnnualAccumulator.DailyMean(e[0], 24, AirQualityLimits.MinHoursPerDay, day);
            annual.AddDay(day);
        }
        if (year is { } last) Summary(annual, last, c0);
    }

    /// <summary>One output step of a tile: each step variable (the first is pm25) to the writer; pm25 also to the period
    /// sums, the colour-scale sample and the maps.</summary>
    private void Step(int step, int c0, string[] names, ReadOnlyMemory<float>[] data)
    {
        var at = (long)step * plan.Grid.CellCount + c0;
        for (var k = 0; k < names.Length; k++) writer.Write(names[k], at, data[k].Span);
        var values = data[0].Span;
        for (var p = 0; p < values.Length; p++)
        {
            if (float.IsNaN(values[p])) continue;
            _periodSum[c0 + p] += values[p];
            _periodCount[c0 + p]++;
            if (((long)(c0 + p) * 31 + step * 17L) % _sampleStride == 0) _sample.Add(values[p]);
        }
        var slot = maps is null ? -1 : Array.IndexOf(plan.MappedSteps, step);
        if (slot >= 0) maps!.Write(slot, c0, values);
    }

    private void Summary(AnnualAccumulator annual, int year, int c0)
    {
        var s = annual.Take(year);
        var days = plan.Blocks.Count(b => b.Hours == 24 && b.LocalDate!.Value.Year == year);
        report.Add(s, c0, days);
        var yi = plan.Daily ? Array.IndexOf(plan.Years, year) : -1;
        if (yi < 0) return;
        var at = (long)yi * plan.Grid.CellCount + c0;
        writer.Write<float>(ReanalysisSchema.AnnualMean, at, s.Mean);
        writer.Write<short>(ReanalysisSchema.DaysValid, at, s.Days);
        for (var l = 0; l < AirQualityLimits.Daily.Count; l++) writer.Write<short>(AirQualityLimits.Daily[l].VariableName, at, s.DaysAbove[l]);
    }
}
