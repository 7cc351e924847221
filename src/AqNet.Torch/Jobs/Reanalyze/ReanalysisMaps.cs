using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.Maps;
using AqNet.Core.Spatial;
using AqNet.Core.Store;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>A located station inside the grid: whether the model reads it, and the cell that holds it.</summary>
internal sealed record GridStation(Station Station, bool Used, int Cell);

/// <summary>The maps of a reanalysis: each mapped step (every step of a short or daily product, else one hour a day at
/// local noon) on one colour scale, and the period mean on its own; stations filled with their observed value in the
/// same scale, cells far from stations greyed.</summary>
internal static class ReanalysisMaps
{
    public static List<GridStation> StationsOnGrid(AqStore store, IReadOnlyList<Station> modelStations, GridSpec g)
    {
        var used = modelStations.Select(s => s.Id).ToHashSet();
        var list = new List<GridStation>();
        foreach (var s in StoreReader.Stations(store).Where(x => x.FirstHour is not null).Select(x => x.Station))
        {
            if (s is not { Longitude: { } lon, Latitude: { } lat }) continue;
            var i = (int)Math.Floor((lon - g.Lon0) / g.ResolutionDeg);
            var j = (int)Math.Floor((lat - g.Lat0) / g.ResolutionDeg);
            if (i < 0 || j < 0 || i >= g.NLon || j >= g.NLat) continue;
            list.Add(new GridStation(s, used.Contains(s.Id), j * g.NLon + i));
        }
        return list;
    }

    public static void Write(ReanalyzeOptions o, GridPlan plan, GridTiles tiles, SliceSpill spill, AqStore store,
        List<GridStation> stations, IProgress<string>? progress)
    {
        var g = o.Grid;
        var lats = Enumerable.Range(0, g.NLat).Select(j => Math.Min(g.LatCentre(j), 90)).ToArray();
        var lons = Enumerable.Range(0, g.NLon).Select(i => Math.Min(g.LonCentre(i), 180)).ToArray();
        var offset = plan.UtcOffsetHours;
        var zone = OutputSteps.ZoneLabel(offset);
        var obs = stations.Count == 0 ? null : PanelLoader.Load(store, [.. stations.Select(s => s.Station.Id)], [Variables.Pm25], o.FromUtc, o.ToUtc);
        var stepValues = plan.Steps.Select(s => Observed(obs, s)).ToArray(); // [step][station]
        var visible = stations.Select((s, k) => (s, k)).Where(x => x.s.Used).ToList();
        var hidden = stations.Select((s, k) => (s, k)).Where(x => !x.s.Used).ToList();
        MapOptions With(double[] values, (double, double) range) => new()
        {
            VisibleStations = [.. visible.Select(x => Point(x.s))], VisibleValues = [.. visible.Select(x => values[x.k])],
            HiddenStations = [.. hidden.Select(x => Point(x.s))], HiddenValues = [.. hidden.Select(x => values[x.k])],
            Boundaries = Boundaries.Default(), ColorRange = range, FarMask = tiles.FarMask,
            FarLabel = $"farther than {Fmt.F(plan.FarKm, 0)} km from a station",
        };
        Directory.CreateDirectory(o.PngDir!);
        var range = tiles.Range();
        for (var k = 0; k < plan.MappedSteps.Length; k++)
        {
            var s = plan.Steps[plan.MappedSteps[k]];
            var (name, title) = plan.Daily
                ? ($"pm25_daily_{s.LocalDate:yyyy-MM-dd}.png", $"PM2.5 daily mean, {s.LocalDate:yyyy-MM-dd} (local day, {zone}){(s.Partial ? $", partial: {s.Hours} h" : "")}")
                : ($"pm25_{s.TimeUtc:yyyyMMdd'T'HH}Z.png", $"PM2.5, hour ending {s.TimeUtc.AddHours(offset):yyyy-MM-dd HH:mm} {zone} ({s.TimeUtc:HH:mm} UTC)");
            MapRenderer.Render(Path.Combine(o.PngDir!, name), spill.Read(k), lats, lons, title, With(stepValues[plan.MappedSteps[k]], range));
        }
        var mean = tiles.PeriodMean();
        var what = plan.Daily ? $"{plan.Steps.Count} local days" : $"{plan.Steps.Count} hours";
        var first = plan.Steps[0].LocalDate ?? DateOnly.FromDateTime(plan.Steps[0].StartUtc.AddHours(offset));
        var last = plan.Steps[^1].LocalDate ?? DateOnly.FromDateTime(plan.Steps[^1].EndUtc.AddHours(offset).AddTicks(-1));
        MapRenderer.Render(Path.Combine(o.PngDir!, "pm25_period_mean.png"), mean, lats, lons,
            $"PM2.5 mean of {what}, {first:yyyy-MM-dd} .. {last:yyyy-MM-dd} ({zone})",
            With(PeriodObserved(stepValues, stations.Count), OwnRange(mean)));
        progress?.Report($"wrote {plan.MappedSteps.Length + 1} maps to {o.PngDir}");
    }

    private static GeoPoint Point(GridStation s) => new(s.Station.Longitude!.Value, s.Station.Latitude!.Value);

    /// <summary>0 to the largest finite value (at least 1): the period mean is smoother than any hour, so it gets its own scale.</summary>
    internal static (double Min, double Max) OwnRange(float[] field)
    {
        var max = field.Where(float.IsFinite).DefaultIfEmpty(1).Max();
        return (0, Math.Max(1, max));
    }

    /// <summary>Each station's observed PM2.5 for a step: the hour's value, or a day's mean when enough hours were
    /// observed (the same rule as the grid's daily means; 75% of the hours of a partial day). NaN where there is none.</summary>
    private static double[] Observed(Panel? obs, OutputStep s)
    {
        if (obs is null) return [];
        var need = s.LocalDate is null ? 1 : s.Partial ? (int)Math.Ceiling(0.75 * s.Hours) : AirQualityLimits.MinHoursPerDay;
        var result = new double[obs.S];
        for (var st = 0; st < obs.S; st++)
        {
            double sum = 0;
            var n = 0;
            for (var h = s.FirstHour; h < s.FirstHour + s.Hours && h < obs.Hours; h++)
            {
                var i = obs.Index(h, st, 0);
                if (!obs.Mask[i]) continue;
                sum += obs.Values[i];
                n++;
            }
            result[st] = n >= need ? sum / n : double.NaN;
        }
        return result;
    }

    /// <summary>Mean of a station's step values where at least 75% of the steps have one.</summary>
    private static double[] PeriodObserved(double[][] steps, int stations) =>
        [.. Enumerable.Range(0, stations).Select(st =>
        {
            var v = steps.Select(x => x[st]).Where(double.IsFinite).ToList();
            return v.Count >= 0.75 * steps.Length && v.Count > 0 ? v.Average() : double.NaN;
        })];
}
