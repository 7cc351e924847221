using AqNet.Core.Data;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Grid;

/// <summary>What a gridded reanalysis file holds: the grid, the output steps, the per-step variables (pm25 first) and,
/// for daily products, the local years whose summaries it carries.</summary>
public sealed record ReanalysisLayout
{
    public required GridSpec Grid { get; init; }
    public required IReadOnlyList<OutputStep> Steps { get; init; }
    public required bool Daily { get; init; }
    public int UtcOffsetHours { get; init; }
    public required IReadOnlyList<GridVariable> StepVariables { get; init; }
    public IReadOnlyList<int> SummaryYears { get; init; } = [];
    public required double FarThresholdKm { get; init; }
    /// <summary>How the threshold was chosen, for the mask's comment.</summary>
    public required string FarRule { get; init; }
    public required IReadOnlyList<NcAttribute> Globals { get; init; }
    /// <summary>Zarr chunk rows of the [.., lat, lon] variables (the job's tile height).</summary>
    public int? ChunkRows { get; init; }
}

/// <summary>The CF-1.8 layout of a gridded reanalysis: time with time_bnds, lat/lon with bounds, the WGS 84 crs, the
/// per-step fields with grid_mapping, cell_methods and ancillary_variables, the distance to the nearest station and the
/// far_from_stations mask; daily products add the local date, partial-day flags and per-year summaries (annual mean,
/// valid days, days above the WHO 2021 and GB 3095-2012 grade II 24-hour limits).</summary>
public static class ReanalysisSchema
{
    public const string Pm25 = "pm25", Distance = "distance_to_nearest_station", Far = "far_from_stations",
        AnnualMean = "pm25_annual_mean", DaysValid = "days_valid";

    public static DatasetSchema Build(ReanalysisLayout l)
    {
        var g = l.Grid;
        var dims = new List<DsDimension> { new("time", l.Steps.Count, Unlimited: true), new("lat", g.NLat), new("lon", g.NLon), new("nv", 2) };
        var vars = new List<DsVariable>
        {
            new("time", NcType.Double, ["time"], CfAxes.Time(NcTimeAxis.HoursSinceEpoch, bounds: "time_bnds")) { Data = Hours(l.Steps.Select(s => s.TimeUtc)) },
            new("time_bnds", NcType.Double, ["time", "nv"], []) { Data = Hours(l.Steps.SelectMany(s => new[] { s.StartUtc, s.EndUtc })) },
            new("lat", NcType.Double, ["lat"], [.. CfAxes.Latitude(), NcAttribute.Text("bounds", "lat_bnds")]) { Data = Centres(g.NLat, j => Math.Min(g.LatCentre(j), 90)) },
            new("lat_bnds", NcType.Double, ["lat", "nv"], []) { Data = Edges(g.NLat, g.LatEdge, 90) },
            new("lon", NcType.Double, ["lon"], [.. CfAxes.Longitude(), NcAttribute.Text("bounds", "lon_bnds")]) { Data = Centres(g.NLon, i => Math.Min(g.LonCentre(i), 180)) },
            new("lon_bnds", NcType.Double, ["lon", "nv"], []) { Data = Edges(g.NLon, i => g.Lon0 + i * g.ResolutionDeg, 180) },
            CfMetadata.Crs(),
        };
        var zone = OutputSteps.ZoneLabel(l.UtcOffsetHours);
        if (l.Daily)
        {
            dims.Add(new DsDimension("date_len", 10));
            vars.Add(new DsVariable("local_date", NcType.Char, ["time", "date_len"],
                [NcAttribute.Text("long_name", $"local calendar date ({zone}) of the day averaged")])
                { Data = l.Steps.Select(s => s.LocalDate?.ToString("yyyy-MM-dd", Fmt.Inv) ?? "").ToArray() });
            vars.Add(new DsVariable("partial_day", NcType.Byte, ["time"],
                [NcAttribute.Text("long_name", "the period covers only part of this local day"), NcAttribute.Bytes("flag_values", 0, 1),
                 NcAttribute.Text("flag_meanings", "complete_local_day partial_local_day")])
                { Data = l.Steps.Select(s => (sbyte)(s.Partial ? 1 : 0)).ToArray() });
            vars.Add(new DsVariable("hours_averaged", NcType.Short, ["time"],
                [NcAttribute.Text("long_name", "hours in the daily mean's interval (24 for a complete local day)"), NcAttribute.Text("units", "1")])
                { Data = l.Steps.Select(s => (short)s.Hours).ToArray() });
        }
        var stepNames = l.StepVariables.Select(v => v.Name).ToList();
        var method = l.Daily
            ? $"area: point time: mean (interval: 1 hour comment: hourly estimates over the local day, {zone}; at least {AirQualityLimits.MinHoursPerDay} hours for a complete day)"
            : "area: point time: mean (comment: each value is the mean over the hour ending at its time)";
        foreach (var v in l.StepVariables)
        {
            var atts = v.Attributes.ToList();
            Add(atts, "cell_methods", method);
            Add(atts, "grid_mapping", "crs");
            if (v.Name == Pm25) Add(atts, "ancillary_variables", string.Join(' ', stepNames.Skip(1).Append(Distance).Append(Far)));
            vars.Add((v with { Attributes = atts }).ToDataset() with { ChunkRows = l.ChunkRows });
        }
        vars.Add(GridVariable.DistanceToNearestStation().ToDataset() with
            { Attributes = [.. GridVariable.DistanceToNearestStation().ToDataset().Attributes, NcAttribute.Text("grid_mapping", "crs")], ChunkRows = l.ChunkRows });
        vars.Add(new DsVariable(Far, NcType.Byte, ["lat", "lon"],
        [
            NcAttribute.Text("long_name", $"cell farther than {Fmt.F(l.FarThresholdKm, 1)} km from the nearest station"),
            NcAttribute.Bytes("flag_values", 0, 1),
            NcAttribute.Text("flag_meanings", "near_stations far_from_stations"),
            NcAttribute.Doubles("threshold_km", l.FarThresholdKm),
            NcAttribute.Text("comment", $"{l.FarRule}; estimates in flagged cells extrapolate, blank them with where(far_from_stations == 0)"),
            NcAttribute.Text("coordinates", "lat lon"),
            NcAttribute.Text("grid_mapping", "crs"),
        ]) { ChunkRows = l.ChunkRows });
        if (l.Daily && l.SummaryYears.Count > 0) AddSummaries(l, dims, vars);
        return new DatasetSchema(dims, vars, l.Globals);
    }

    private static void AddSummaries(ReanalysisLayout l, List<DsDimension> dims, List<DsVariable> vars)
    {
        dims.Add(new DsDimension("year", l.SummaryYears.Count));
        var bounds = l.SummaryYears.Select(y => l.Steps.Where(s => !s.Partial && s.LocalDate!.Value.Year == y).ToList())
            .Select(d => (d.Count > 0 ? d[0].StartUtc : DateTime.UnixEpoch, d.Count > 0 ? d[^1].EndUtc : DateTime.UnixEpoch)).ToList();
        vars.Add(new DsVariable("year", NcType.Double, ["year"],
        [
            NcAttribute.Text("standard_name", "time"), NcAttribute.Text("long_name", "local year of the summaries (start of its first complete day)"),
            NcAttribute.Text("units", NcTimeAxis.HoursSinceEpoch), NcAttribute.Text("calendar", "standard"), NcAttribute.Text("bounds", "year_bnds"),
        ]) { Data = Hours(bounds.Select(b => b.Item1)) });
        vars.Add(new DsVariable("year_bnds", NcType.Double, ["year", "nv"], []) { Data = Hours(bounds.SelectMany(b => new[] { b.Item1, b.Item2 })) });
        var days = $"the complete local days of the year in the period with a valid daily mean (at least {AirQualityLimits.MinHoursPerDay} hourly estimates)";
        vars.Add(Summary(AnnualMean, NcType.Float, l, "PM2.5 annual mean of daily means", "ug m-3", $"area: point year: mean (interval: 1 day comment: over {days})",
            NcAttribute.Text("standard_name", "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air"), NcAttribute.Floats("_FillValue", GridVariable.FillValue)));
        vars.Add(Summary(DaysValid, NcType.Short, l, "number of local days with a valid daily mean", "1", $"area: point year: sum (comment: {days})"));
        foreach (var limit in AirQualityLimits.Daily)
            vars.Add(Summary(limit.VariableName, NcType.Short, l, $"number of local days with daily mean PM2.5 above {Fmt.D(limit.Value)} ug m-3 ({limit.Name})", "1",
                $"area: point year: sum (comment: days above the limit among {days})", NcAttribute.Doubles("threshold", limit.Value)));
    }

    private static DsVariable Summary(string name, NcType type, ReanalysisLayout l, string longName, string units, string method, params NcAttribute[] extra) =>
        new(name, type, ["year", "lat", "lon"],
        [
            .. extra.Where(a => a.Name == "standard_name"),
            NcAttribute.Text("long_name", longName), NcAttribute.Text("units", units), NcAttribute.Text("cell_methods", method),
            .. extra.Where(a => a.Name != "standard_name"),
            NcAttribute.Text("coordinates", "year lat lon"), NcAttribute.Text("grid_mapping", "crs"),
        ]) { ChunkRows = l.ChunkRows };

    private static void Add(List<NcAttribute> atts, string name, string value)
    {
        if (atts.All(a => a.Name != name)) atts.Add(NcAttribute.Text(name, value));
    }

    private static double[] Hours(IEnumerable<DateTime> utc) => [.. utc.Select(t => (t - DateTime.UnixEpoch).TotalHours)];

    private static double[] Centres(int n, Func<int, double> centre) => [.. Enumerable.Range(0, n).Select(centre)];

    /// <summary>Cell edges, the last clamped to the axis limit (a cell may overhang the box, GridSpec).</summary>
    private static double[] Edges(int n, Func<int, double> edge, double limit) =>
        [.. Enumerable.Range(0, n).SelectMany(i => new[] { Math.Min(edge(i), limit), Math.Min(edge(i + 1), limit) })];
}
