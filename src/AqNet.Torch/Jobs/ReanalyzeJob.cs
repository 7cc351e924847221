using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.Maps;
using AqNet.Core.NetCdf;
using AqNet.Core.Spatial;
using AqNet.Core.Store;
using AqNet.Torch.Runtime;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs;

/// <summary>`aqnet reanalyze`: PM2.5 on a regular lat/lon grid for every hour (or local day) of a period, from the
/// visible stations through the trained neural kNN, with the spread over k as uncertainty and the distance to the
/// nearest station, written to CF-1.8 NetCDF in time slices (so a long period never has to fit in memory).</summary>
public static class ReanalyzeJob
{
    private const int SliceHours = 24; // hours estimated per call: bounds memory to 24 × cells × 2 floats

    public static string Run(ReanalyzeOptions o, IProgress<string>? progress, CancellationToken ct)
    {
        if (o.ToUtc < o.FromUtc) throw new InputException($"--from {Fmt.Utc(o.FromUtc)} is after --to {Fmt.Utc(o.ToUtc)}; expected from <= to");
        if (!Directory.Exists(o.ModelDir)) throw new InputException($"--model '{o.ModelDir}' is not a folder holding a trained neural kNN model (DIR/model of `aqnet experiment spatial`)");
        CheckWritable(o.OutPath);
        StaleTemporaries.Remove(o.OutPath);   // a NetCDF temporary of a run killed before its rename
        if (o.PngDir is not null) OutputFolder.CheckWritable(o.PngDir, "--png", create: true);   // before hours of work go into the NetCDF
        TorchRuntime.EnsureLoaded();
        using var store = AqStore.OpenRead(o.StorePath);
        using var est = NeuralKnnEstimator.Load(o.ModelDir, store);
        var utcOffset = est.Options.UtcOffsetHours;
        var (panel, first) = LoadPanel(store, est, o);
        // Held-out stations to mark on the maps: the store's located stations inside the grid that the model did not use.
        var used = est.Stations.Select(s => s.Id).ToHashSet();
        var hidden = StoreReader.Stations(store).Select(s => s.Station)
            .Where(s => s is { Longitude: { } lon, Latitude: { } lat } && !used.Contains(s.Id)
                        && lon >= o.Grid.Lon0 && lon <= o.Grid.Lon1 && lat >= o.Grid.Lat0 && lat <= o.Grid.Lat1).ToList();
        var outside = HullCheck.OutsideHullKm(o.Grid, est.Stations);
        if (outside > 0)
            progress?.Report($"warning: the bbox reaches {Fmt.F(outside, 1)} km outside the hull of the {est.Stations.Count} stations; estimates there extrapolate");
        var lats = Enumerable.Range(0, o.Grid.NLat).Select(o.Grid.LatCentre).ToArray();
        var lons = Enumerable.Range(0, o.Grid.NLon).Select(o.Grid.LonCentre).ToArray();
        var points = o.Grid.Centres();
        var hours = (int)(o.ToUtc - o.FromUtc).TotalHours + 1;
        var steps = o.Daily ? DailySteps(o.FromUtc, hours, utcOffset) : [.. Enumerable.Range(0, hours).Select(h => (o.FromUtc.AddHours(h), h, 1))];
        var globals = new NetCdfGlobals($"AqNet PM2.5 reanalysis ({(o.Daily ? "daily means" : "hourly")})",
            $"AQ-Net neural kNN (Kheder et al. 2025) trained on {est.Stations.Count} stations of {o.StorePath}; uncertainty = spread over k = {string.Join(",", o.Ks ?? est.Options.Ks)}",
            $"{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'} aqnet reanalyze --bbox {Fmt.D(o.Grid.Lon0)},{Fmt.D(o.Grid.Lat0)},{Fmt.D(o.Grid.Lon1)},{Fmt.D(o.Grid.Lat1)} --resolution {Fmt.D(o.Grid.ResolutionDeg)} --from {Fmt.Utc(o.FromUtc)} --to {Fmt.Utc(o.ToUtc)}");
        var mapEvery = MapEvery(steps.Count, o);
        var field = new GridField(steps.Count, points.Length, t => o.PngDir is not null && Mapped(t, mapEvery, steps.Count, o));
        using (var nc = NetCdfWriter.Create(o.OutPath, lats, lons, steps.Select(s => s.Time).ToList(),
                   [GridVariable.Pm25(), GridVariable.Pm25Uncertainty(), GridVariable.DistanceToNearestStation()], globals))
        {
            nc.WriteStatic("distance_to_nearest_station", [.. GridDistances.NearestStationKm(o.Grid, est.Stations).Select(d => (float)d)]);
            for (var h0 = 0; h0 < hours; h0 += SliceHours)
            {
                ct.ThrowIfCancellationRequested();
                var n = Math.Min(SliceHours, hours - h0);
                var e = est.Estimate(panel, points, first + h0, first + h0 + n, o.Ks);
                field.Add(e, h0, steps, nc);
                progress?.Report($"estimated {Math.Min(h0 + n, hours)}/{hours} h on {o.Grid.NLon} × {o.Grid.NLat} cells");
            }
            field.Flush(nc);
            nc.Complete();
        }
        var maps = o.PngDir is null ? [] : Maps(o, field, steps, lats, lons, est.Stations, hidden, progress);
        return $"wrote {o.OutPath}: {steps.Count} {(o.Daily ? "days" : "hours")} × {o.Grid.NLat} lat × {o.Grid.NLon} lon" +
               (maps.Count > 0 ? $"\nmaps: {maps.Count} PNG files in {o.PngDir}" : "") + "\n";
    }

    /// <summary>The model's stations and variables from W − 1 hours before --from (the first window) to --to.</summary>
    private static (Panel Panel, int FirstIndex) LoadPanel(AqStore store, NeuralKnnEstimator est, ReanalyzeOptions o)
    {
        var spans = StoreReader.Stations(store).Where(s => est.Stations.Any(v => v.Id == s.Station.Id) && s.FirstHour is not null).ToList();
        var storeFirst = HourAxis.ToUtc(spans.Min(s => s.FirstHour!.Value));
        var storeLast = HourAxis.ToUtc(spans.Max(s => s.LastHour!.Value));
        if (o.FromUtc < storeFirst || o.ToUtc > storeLast)
            throw new InputException($"--from {Fmt.Utc(o.FromUtc)} --to {Fmt.Utc(o.ToUtc)} is outside the store's data for the model's stations, {Fmt.Utc(storeFirst)} .. {Fmt.Utc(storeLast)}");
        var start = o.FromUtc.AddHours(-(est.Options.Window - 1));
        if (start < storeFirst) start = storeFirst;
        var panel = PanelLoader.Load(store, [.. est.Stations.Select(s => s.Id)], est.Options.Variables, start, o.ToUtc);
        return (panel, (int)(o.FromUtc - start).TotalHours);
    }

    /// <summary>Local calendar days (the network's time zone) covered by the hours: (day start in UTC, first hour index, hours).</summary>
    private static List<(DateTime Time, int First, int Count)> DailySteps(DateTime fromUtc, int hours, int utcOffset)
    {
        var days = new List<(DateTime, int, int)>();
        for (var h = 0; h < hours;)
        {
            var local = fromUtc.AddHours(h + utcOffset);
            var dayStartUtc = local.Date.AddHours(-utcOffset);
            var n = Math.Min(hours - h, (int)(dayStartUtc.AddDays(1) - fromUtc.AddHours(h)).TotalHours);
            days.Add((DateTime.SpecifyKind(dayStartUtc, DateTimeKind.Utc), h, n));
            h += n;
        }
        return days;
    }

    // Maps: every step of a short period or of daily output; otherwise one hour a day (12 h after --from, 36 h, ...)
    // plus the period mean.
    private static int MapEvery(int steps, ReanalyzeOptions o) => steps <= 48 || o.Daily ? 1 : 24;

    private static bool Mapped(int t, int every, int steps, ReanalyzeOptions o) => every == 1 || t % every == 12;

    private static void CheckWritable(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot write '{path}': folder '{dir}' does not exist");
        if (Directory.Exists(path)) throw new InputException($"--out '{path}' is a folder; expected a NetCDF file name such as {Path.Combine(path, "pm25.nc")}");
        OutputFolder.CheckWritable(dir, "--out");
    }

    private static List<string> Maps(ReanalyzeOptions o, GridField field, List<(DateTime Time, int First, int Count)> steps,
        double[] lats, double[] lons, IReadOnlyList<Station> visible, IReadOnlyList<Station> hidden, IProgress<string>? progress)
    {
        Directory.CreateDirectory(o.PngDir!);
        var options = new MapOptions
        {
            VisibleStations = [.. visible.Select(s => new GeoPoint(s.Longitude!.Value, s.Latitude!.Value))],
            HiddenStations = [.. hidden.Select(s => new GeoPoint(s.Longitude!.Value, s.Latitude!.Value))],
            Boundaries = Boundaries.Default(), ColorRange = field.Range(),
        };
        var written = new List<string>();
        var every = MapEvery(steps.Count, o);
        for (var t = 0; t < steps.Count; t++)
        {
            if (!Mapped(t, every, steps.Count, o)) continue;
            var path = Path.Combine(o.PngDir!, $"pm25_{steps[t].Time:yyyyMMdd'T'HH}.png");
            MapRenderer.Render(path, field.Slice(t), lats, lons, MapRenderer.Title(o.Daily ? "PM2.5 daily mean (day starting)" : "PM2.5 reanalysis", steps[t].Time), options);
            written.Add(path);
        }
        var meanPath = Path.Combine(o.PngDir!, "pm25_period_mean.png");
        MapRenderer.Render(meanPath, field.PeriodMean(), lats, lons, $"PM2.5 mean {Fmt.Utc(o.FromUtc)} .. {Fmt.Utc(o.ToUtc)}", options);
        written.Add(meanPath);
        progress?.Report($"wrote {written.Count} maps to {o.PngDir}");
        return written;
    }
}
