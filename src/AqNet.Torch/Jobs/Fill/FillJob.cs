using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.NetCdf;
using AqNet.Core.Store;
using AqNet.Core.Fill;

namespace AqNet.Torch.Jobs.Fill;

/// <summary>Options of `aqnet fill`. Times are hours (UTC, labelled by their end), inclusive; null = the stations' span.</summary>
public sealed record FillOptions
{
    public required string StorePath { get; init; }
    public required string OutPath { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    /// <summary>Station ids; null = every station with PM2.5 data.</summary>
    public IReadOnlyList<string>? Stations { get; init; }
    public string? Institution { get; init; }
    public string? CommandLine { get; init; }
    /// <summary>False for a shard's part: the store's filled table is left alone (shards do not write the store).</summary>
    public bool WriteStore { get; init; } = true;
    /// <summary>The file's creation time (history, date_created); null = now. The parts of a sharded run share one.</summary>
    public DateTime? CreatedUtc { get; init; }
    /// <summary>A folder for one PNG per station (observed, filled, interval band); null = no plots.</summary>
    public string? PngDir { get; init; }
}

/// <summary>The file formats of the filled record.</summary>
public enum FilledFormat { NetCdf, Zarr, Parquet }

/// <summary>`aqnet fill`: every chosen station at every hour of the period, observed values unchanged and gaps filled
/// by an <see cref="IStationFiller"/>, written to the file the --out name asks for (NetCDF or Zarr timeSeries, or
/// Parquet), to the store's filled table, and summarised in a markdown report beside the file.</summary>
public static class FillJob
{
    public static FilledFormat FormatOf(string path) => path.TrimEnd('/', '\\').EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
        ? FilledFormat.Parquet
        : OutputFormats.Of(path) == OutputFormat.Zarr ? FilledFormat.Zarr : FilledFormat.NetCdf;

    public static string Run(FillOptions o, IStationFiller filler, IProgress<string>? progress, CancellationToken ct)
    {
        FilledFormat format;
        try { format = FormatOf(o.OutPath); }
        catch (InputException) { throw new InputException($"--out '{o.OutPath}': unknown output format; expected a name ending in .nc (NetCDF), .zarr (Zarr) or .parquet"); }
        if (o.FromUtc > o.ToUtc) throw new InputException($"--from {Fmt.Utc(o.FromUtc!.Value)} is after --to {Fmt.Utc(o.ToUtc!.Value)}; expected from <= to");
        var dir = Path.GetDirectoryName(Path.GetFullPath(o.OutPath.TrimEnd('/', '\\')))!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot write '{o.OutPath}': folder '{dir}' does not exist");
        if (o.PngDir is not null) OutputFolder.CheckWritable(o.PngDir, "--png", create: true);   // before the work, not after

        FilledRecord r;
        ProductInfo info;
        int? offset;
        using (var store = AqStore.OpenRead(o.StorePath))
        {
            var all = StoreReader.Stations(store).Where(s => s.FirstHour is not null).ToDictionary(s => s.Station.Id);
            var ids = o.Stations ?? [.. all.Keys.Order(StringComparer.Ordinal)];
            var chosen = ids.Select(id => all.TryGetValue(id, out var s) ? s
                : throw new InputException($"--stations: '{id}' has no data in store '{o.StorePath}'; `aqnet stations --store {o.StorePath}` lists them")).ToList();
            if (chosen.Count == 0) throw new InputException($"store '{o.StorePath}' holds no station with data");
            var (first, last) = (HourAxis.ToUtc(chosen.Min(s => s.FirstHour!.Value)), HourAxis.ToUtc(chosen.Max(s => s.LastHour!.Value)));
            var (from, to) = (o.FromUtc ?? first, o.ToUtc ?? last);
            if (from < first || to > last)
                throw new InputException($"--from {Fmt.Utc(from)} --to {Fmt.Utc(to)} is outside the stations' data in the store, {Fmt.Utc(first)} .. {Fmt.Utc(last)}");
            // Context hours on each side of the period, so a gap across its edge is still filled from both sides.
            var (start, end) = (Max(first, from.AddHours(-filler.ContextHours)), Min(last, to.AddHours(filler.ContextHours)));
            var zones = chosen.Select(s => OutputSteps.ParseStoredZone(s.TimeZone)).Distinct().ToList();
            offset = zones.Count == 1 ? zones[0] : null;
            var inputs = WithNeighbours(chosen.Select(s => s.Station).ToList(), all.Values.Select(s => s.Station).ToList());
            var panel = PanelLoader.Load(store, inputs, [Variables.Pm25], start, end);
            var fromIndex = (int)(from - start).TotalHours;
            progress?.Report($"filling {chosen.Count} stations × {(int)(to - from).TotalHours + 1} hours ({Fmt.Utc(from)} .. {Fmt.Utc(to)})" +
                             (inputs.Count > chosen.Count ? $", with {inputs.Count - chosen.Count} neighbouring stations as inputs" : ""));
            r = filler.Fill(panel, fromIndex, fromIndex + (int)(to - from).TotalHours + 1, progress, ct).Select(ids);
            var sources = DataSources.Combined(chosen.Select(s => s.Source));
            info = new ProductInfo($"AqNet gap-filled PM2.5 station record ({chosen.Count} stations, hourly)",
                o.Institution ?? $"{sources.Institution} (observations); AqNet (gap filling)",
                $"hourly PM2.5 of {sources.Names}; {filler.Method}",
                $"{CfMetadata.Iso(o.CreatedUtc ?? DateTime.UtcNow)} {o.CommandLine ?? "aqnet fill --store " + o.StorePath + " --out " + o.OutPath}",
                sources.References, $"derived from observations under: {sources.License}") { CreatedUtc = o.CreatedUtc };
        }
        ct.ThrowIfCancellationRequested();
        switch (format)
        {
            case FilledFormat.Parquet: FilledParquet.Write(o.OutPath, r); break;
            default: FilledRecordFiles.Write(o.OutPath, r, info); break;
        }
        if (o.WriteStore) using (var store = AqStore.OpenWrite(o.StorePath)) FilledStore.Write(store, r);
        var report = Path.Combine(dir, Path.GetFileNameWithoutExtension(o.OutPath.TrimEnd('/', '\\')) + ".summary.md");
        SummaryReport.WriteFile(report, FillReport.Markdown(r, offset, Path.GetFileName(o.OutPath.TrimEnd('/', '\\'))));
        var plots = o.PngDir is null ? null : FilledSeriesPlot.SaveAll(r, o.PngDir, offset ?? 0, progress, ct);
        var missing = r.Value.LongCount(float.IsNaN);
        return $"wrote {o.OutPath}{(o.WriteStore ? " and the store's filled table" : "")}: {r.S} station{(r.S == 1 ? "" : "s")} × {r.Hours} hours, {r.Count(FillFlag.Observed):N0} observed, " +
               $"{r.Count(FillFlag.Filled):N0} filled, {r.Count(FillFlag.ObservedFlagged):N0} observed but QC-flagged" +
               (missing > 0 ? $", {missing:N0} left missing (no observation anywhere to fill from)" : "") +
               (r.MeasuredCoverage is { } c ? $"; {Fmt.D(100 * r.NominalCoverage)}% intervals held {Fmt.F(100 * c, 1)}% of held-out values" : "") +
               $"\nsummary: {report}\n" + (plots is null ? "" : $"plots: {plots.Count} PNG files in {o.PngDir}\n");
    }

    /// <summary>The chosen stations and, as inputs for the spatial part of filling, the nearest other located stations of
    /// each (as many as a kriging system reads).</summary>
    private static List<string> WithNeighbours(List<Station> chosen, List<Station> all)
    {
        var ids = chosen.Select(s => s.Id).ToList();
        var located = all.Where(s => s.HasCoordinates).ToList();
        foreach (var c in chosen.Where(s => s.HasCoordinates))
            foreach (var n in located.Where(s => s.Id != c.Id)
                         .OrderBy(s => Core.Spatial.Geodesy.DistanceKm(c.Longitude!.Value, c.Latitude!.Value, s.Longitude!.Value, s.Latitude!.Value))
                         .Take(new LinearThenKrigingFiller().NeighboursRead))
                if (!ids.Contains(n.Id)) ids.Add(n.Id);
        return ids;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
