using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.NetCdf;
using AqNet.Core.Store;
using AqNet.Torch.Runtime;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>`aqnet reanalyze`: PM2.5 on a regular lat/lon grid for every hour (or local day) of a period, from the
/// visible stations through the trained neural kNN, with the spread over k, the distance to the nearest station and a
/// far-from-stations mask, written as CF-1.8 NetCDF or Zarr (chosen by the --out name) tile by tile, so any grid the
/// size guard accepts fits in memory; then maps and a markdown summary beside the output.</summary>
public static class ReanalyzeJob
{
    public static string Run(ReanalyzeOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        // Checks that need no file come first, so a bad or oversized request is refused at once.
        if (o.ToUtc < o.FromUtc) throw new InputException($"--from {Fmt.Utc(o.FromUtc)} is after --to {Fmt.Utc(o.ToUtc)}; expected from <= to");
        OutputFormats.Of(o.OutPath);
        var hours = (int)(o.ToUtc - o.FromUtc).TotalHours + 1;
        var budget = GridBudget.Estimate(o.Grid, o.Daily ? hours / 24 + 2 : hours, 2, o.Daily ? hours / (24 * 365) + 2 : 0);
        budget.Check(o.MaxOutputBytes, MachineMemory.AvailableBytes());
        GridModels.CheckFolder(o.ModelDir);
        CheckWritable(o.OutPath);
        StaleTemporaries.Remove(o.OutPath.TrimEnd('/', '\\'));   // a temporary of a run killed before its rename
        if (o.PngDir is not null) OutputFolder.CheckWritable(o.PngDir, "--png", create: true);   // before hours of work go into the output
        progress?.Report($"{o.Grid}, {hours} h: output up to {ByteSize.Format(budget.OutputBytes)}, memory about {ByteSize.Format(budget.MemoryBytes)}");

        TorchRuntime.EnsureLoaded();
        using var store = AqStore.OpenRead(o.StorePath);
        using var est = GridModels.Open(o.ModelDir, store, o.Ks);
        progress?.Report($"model: {est.Describe}");
        var (panel, first) = LoadPanel(store, est, o);
        var outside = HullCheck.OutsideHullKm(o.Grid, est.Stations);
        if (outside > 0)
            progress?.Report($"warning: the bbox reaches {Fmt.F(outside, 1)} km outside the hull of the {est.Stations.Count} stations; estimates there extrapolate (far_from_stations marks them)");
        var plan = Plan(o, est, hours, panel.UtcOffsetHours);
        var layout = Layout(o, est, store, plan);
        var stations = ReanalysisMaps.StationsOnGrid(store, est.Stations, o.Grid);
        var report = new SummaryReport([.. stations.Select(s => new StationCell(s.Station.Id, s.Used, s.Cell))]);
        GridTiles tiles;
        using (var spill = o.PngDir is null ? null : new SliceSpill(o.PngDir, o.Grid.CellCount, plan.MappedSteps.Length))
        {
            using (var writer = DatasetWriter.For(o.OutPath, ReanalysisSchema.Build(layout)))
            {
                tiles = new GridTiles(plan, est, panel, first, writer, spill, report);
                tiles.Run(progress, ct);
                writer.Complete();
            }
            if (spill is not null) ReanalysisMaps.Write(o, plan, tiles, spill, store, stations, progress);
        }
        var reportPath = ReportPath(o.OutPath);
        SummaryReport.WriteFile(reportPath, report.Markdown($"PM2.5 reanalysis summary: {Path.GetFileName(o.OutPath.TrimEnd('/'))}", Notes(o, plan, est)));
        var partial = plan.Daily ? plan.Steps.Count(s => s.Partial) : 0;
        return $"wrote {o.OutPath}: {plan.Steps.Count} {(plan.Daily ? "days" : "hours")} × {o.Grid.NLat} lat × {o.Grid.NLon} lon" +
               (partial > 0 ? $" ({partial} partial days, marked)" : "") +
               $"\nsummary: {reportPath}" + (o.PngDir is null ? "" : $"\nmaps: {plan.MappedSteps.Length + 1} PNG files in {o.PngDir}") + "\n";
    }

    /// <summary>beijing.nc → beijing.summary.md beside it.</summary>
    public static string ReportPath(string outPath)
    {
        var full = Path.GetFullPath(outPath.TrimEnd('/', '\\'));
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".summary.md");
    }

    /// <param name="offset">the network's UTC offset from the store (local days follow it; the model's own offset only
    /// encodes time as it did in training).</param>
    private static GridPlan Plan(ReanalyzeOptions o, IGridModel est, int hours, int offset)
    {
        var blocks = OutputSteps.LocalDays(o.FromUtc, hours, offset, PartialDays.Keep);
        var steps = o.Daily ? OutputSteps.LocalDays(o.FromUtc, hours, offset, o.PartialDays) : OutputSteps.Hourly(o.FromUtc, hours);
        if (steps.Count == 0)
            throw new InputException($"--daily: {Fmt.Utc(o.FromUtc)} .. {Fmt.Utc(o.ToUtc)} holds no complete local day ({OutputSteps.ZoneLabel(offset)}); widen --from/--to or add --partial-days keep");
        int[] years = o.Daily ? [.. steps.Where(s => !s.Partial).Select(s => s.LocalDate!.Value.Year).Distinct()] : [];
        var far = o.FarKm ?? GridDistances.DefaultFarThreshold(est.Stations).Km;
        var perCell = est.TileBytesPerCell;
        var mapped = steps.Count <= 48 || o.Daily
            ? Enumerable.Range(0, steps.Count).ToArray()
            : [.. Enumerable.Range(0, steps.Count).Where(i => steps[i].TimeUtc.AddHours(offset).Hour == 12)]; // local noon
        return new GridPlan(o.Grid, steps, blocks, o.Daily, years, GridBudget.TileRows(o.Grid, perCell), o.PngDir is null ? [] : mapped, far, offset);
    }

    private static ReanalysisLayout Layout(ReanalyzeOptions o, IGridModel est, AqStore store, GridPlan plan)
    {
        var ids = est.Stations.Select(s => s.Id).ToHashSet();
        var sources = DataSources.Combined(StoreReader.Stations(store).Where(s => ids.Contains(s.Station.Id)).Select(s => s.Source));
        var info = new ProductInfo(
            $"AqNet PM2.5 reanalysis ({(o.Daily ? "daily means over local days" : "hourly")})",
            o.Institution ?? $"{sources.Institution} (observations); AqNet (reanalysis)",
            est.Source(sources.Names),
            $"{CfMetadata.Iso(o.CreatedUtc ?? DateTime.UtcNow)} {o.CommandLine ?? o.RebuiltCommandLine()}",
            $"{sources.References}; Kheder et al. (2025), Deep Spatio-Temporal Neural Network for Air Quality Reanalysis, SCIA 2025",
            $"derived from observations under: {sources.License}") { CreatedUtc = o.CreatedUtc };
        var g = o.Grid;
        var extent = (g.LatEdge(0), Math.Min(90, g.LatEdge(g.NLat)), g.Lon0, Math.Min(180, g.Lon0 + g.NLon * g.ResolutionDeg));
        var globals = CfMetadata.Globals(info, plan.Steps[0].StartUtc, plan.Steps[^1].EndUtc, o.Daily ? "P1D" : "PT1H", extent);
        var rule = o.FarKm is null ? GridDistances.DefaultFarThreshold(est.Stations).Rule : "threshold given with --far-km";
        return new ReanalysisLayout
        {
            Grid = g, Steps = plan.Steps, Daily = o.Daily, UtcOffsetHours = plan.UtcOffsetHours,
            StepVariables = est.StepVariables, SummaryYears = plan.Years,
            FarThresholdKm = plan.FarKm, FarRule = rule, Globals = globals, ChunkRows = plan.TileRows,
        };
    }

    private static IEnumerable<string> Notes(ReanalyzeOptions o, GridPlan plan, IGridModel est)
    {
        var zone = OutputSteps.ZoneLabel(plan.UtcOffsetHours);
        yield return $"Grid {o.Grid}; period {Fmt.Utc(o.FromUtc)} .. {Fmt.Utc(o.ToUtc)} (hours labelled by their end, UTC).";
        yield return $"Daily means are over local days ({zone}, the hours labelled 01:00 … 24:00 local) and need at least {AirQualityLimits.MinHoursPerDay} hourly estimates; " +
                     $"only complete local days enter the yearly figures ({plan.Blocks.Count(b => b.Hours == 24)} in the period).";
        yield return "Limits: WHO 2021 guideline 15 µg/m³ (24-hour) and 5 µg/m³ (annual); China GB 3095-2012 grade II 75 µg/m³ (24-hour) and 35 µg/m³ (annual). A day counts when its mean is above the limit.";
        yield return $"Cells farther than {Fmt.F(plan.FarKm, 1)} km from the nearest of the model's {est.Stations.Count} stations are flagged far_from_stations; their estimates extrapolate.";
    }

    /// <summary>The model's stations and variables from the hours its windows read before --from to those after --to.</summary>
    private static (Panel Panel, int FirstIndex) LoadPanel(AqStore store, IGridModel est, ReanalyzeOptions o)
    {
        var spans = StoreReader.Stations(store).Where(s => est.Stations.Any(v => v.Id == s.Station.Id) && s.FirstHour is not null).ToList();
        var storeFirst = HourAxis.ToUtc(spans.Min(s => s.FirstHour!.Value));
        var storeLast = HourAxis.ToUtc(spans.Max(s => s.LastHour!.Value));
        if (o.FromUtc < storeFirst || o.ToUtc > storeLast)
            throw new InputException($"--from {Fmt.Utc(o.FromUtc)} --to {Fmt.Utc(o.ToUtc)} is outside the store's data for the model's stations, {Fmt.Utc(storeFirst)} .. {Fmt.Utc(storeLast)}");
        var start = o.FromUtc.AddHours(-est.HoursBefore);
        if (start < storeFirst) start = storeFirst;
        var end = o.ToUtc.AddHours(est.HoursAfter);
        if (end > storeLast) end = storeLast;
        var panel = PanelLoader.Load(store, [.. est.Stations.Select(s => s.Id)], est.Variables, start, end);
        return (panel, (int)(o.FromUtc - start).TotalHours);
    }

    private static void CheckWritable(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path.TrimEnd('/', '\\')))!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot write '{path}': folder '{dir}' does not exist");
        if (Directory.Exists(path) && OutputFormats.Of(path) == OutputFormat.NetCdf)   // a Zarr store is a folder
            throw new InputException($"--out '{path}' is a folder; expected a NetCDF file name such as {Path.Combine(path, "pm25.nc")}");
        OutputFolder.CheckWritable(dir, "--out");
    }
}
