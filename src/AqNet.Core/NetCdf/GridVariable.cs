namespace AqNet.Core.NetCdf;

/// <summary>A float32 data variable on the lat/lon grid: [time, lat, lon] when PerTime, else [lat, lon].
/// The writer adds _FillValue (<see cref="FillValue"/>) and coordinates unless given.</summary>
public sealed record GridVariable(string Name, bool PerTime, IReadOnlyList<NcAttribute> Attributes)
{
    /// <summary>Missing cells are stored as -9999 (not NaN): CF allows both, but -9999 survives every tool chain
    /// (CDO, GDAL, spreadsheets) and is impossible for a concentration or a distance. The writer maps NaN input to it;
    /// xarray and <see cref="NetCdfReader"/> (mask on) map it back to NaN.</summary>
    public const float FillValue = -9999f;

    public static GridVariable Create(string name, bool perTime, string units, string longName, string? standardName = null)
    {
        var atts = new List<NcAttribute> { NcAttribute.Text("long_name", longName), NcAttribute.Text("units", units) };
        if (standardName is not null) atts.Insert(0, NcAttribute.Text("standard_name", standardName));
        return new GridVariable(name, perTime, atts);
    }

    /// <summary>Reanalysis PM2.5, µg/m³ (CF spells it "ug m-3").</summary>
    public static GridVariable Pm25() => Create("pm25", true, "ug m-3", "PM2.5 mass concentration (reanalysis)", Pm25StandardName);

    public const string Pm25StandardName = "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air";

    /// <summary>Spread of the estimate over the k ensemble members / folds, same units as pm25. CF's standard_error
    /// modifier is the nearest standard name; the long name says what it is.</summary>
    public static GridVariable Pm25Uncertainty() => Create("pm25_uncertainty", true, "ug m-3",
        "PM2.5 uncertainty (standard deviation of the estimates over the k neighbour counts; not a calibrated interval)",
        Pm25StandardName + " standard_error");

    /// <summary>Lower and upper bound of the central prediction interval of pm25 (coverage e.g. 0.9), µg/m³. The CF way:
    /// the same standard_name as pm25, which names them in ancillary_variables; coverage (and, when measured,
    /// measured_coverage) say how often the interval should and did hold the truth.</summary>
    public static GridVariable Pm25Bound(bool upper, double coverage, double? measuredCoverage = null, bool perTime = true)
    {
        var v = Create(upper ? "pm25_upper" : "pm25_lower", perTime, "ug m-3",
            $"{(upper ? "upper" : "lower")} bound of the central {Data.Fmt.D(100 * coverage)}% prediction interval of PM2.5", Pm25StandardName);
        List<NcAttribute> atts = [.. v.Attributes, NcAttribute.Doubles("coverage", coverage)];
        if (measuredCoverage is { } m) atts.Add(NcAttribute.Doubles("measured_coverage", m));
        return v with { Attributes = atts };
    }

    /// <summary>The variable with dimensions [time, lat, lon] (per time) or [lat, lon], _FillValue and
    /// coordinates added unless given.</summary>
    internal DsVariable ToDataset()
    {
        var atts = Attributes.ToList();
        if (atts.All(a => a.Name != "_FillValue")) atts.Add(NcAttribute.Floats("_FillValue", FillValue));
        if (atts.All(a => a.Name != "coordinates")) atts.Add(NcAttribute.Text("coordinates", PerTime ? "time lat lon" : "lat lon"));
        IReadOnlyList<string> dims = PerTime ? ["time", "lat", "lon"] : ["lat", "lon"];
        return new DsVariable(Name, NcType.Float, dims, atts);
    }

    /// <summary>Great-circle distance from each cell centre to the nearest station used, km; static, so [lat, lon].</summary>
    public static GridVariable DistanceToNearestStation() => Create("distance_to_nearest_station", false, "km",
        "distance from cell centre to the nearest station");
}

/// <summary>Time coordinate values (double) and their CF units, e.g. "hours since 1970-01-01 00:00:00".</summary>
public sealed record NcTimeAxis(IReadOnlyList<double> Values, string Units)
{
    public const string HoursSinceEpoch = "hours since 1970-01-01 00:00:00";

    /// <summary>UTC times as hours since 1970-01-01 00:00:00 (fractional hours kept). Local times are rejected:
    /// the file's time axis is UTC and a silent conversion would shift it by the machine's offset.</summary>
    public static NcTimeAxis FromUtc(IReadOnlyList<DateTime> timesUtc)
    {
        if (timesUtc.Any(t => t.Kind == DateTimeKind.Local))
            throw new ArgumentException("times must be UTC (DateTimeKind.Utc or Unspecified meaning UTC)", nameof(timesUtc));
        return new NcTimeAxis(timesUtc.Select(t => (t - DateTime.UnixEpoch).TotalHours).ToArray(), HoursSinceEpoch);
    }
}

/// <summary>Global attributes. Conventions = "CF-1.8" is always written; Extra adds any others (e.g. references).</summary>
public sealed record NetCdfGlobals(string Title, string Source, string History, string? Institution = null)
{
    public IReadOnlyList<NcAttribute> Extra { get; init; } = [];

    internal List<NcAttribute> ToAttributes()
    {
        var atts = new List<NcAttribute>
        {
            NcAttribute.Text("Conventions", "CF-1.8"),
            NcAttribute.Text("title", Title),
            NcAttribute.Text("source", Source),
            NcAttribute.Text("history", History),
        };
        if (Institution is not null) atts.Add(NcAttribute.Text("institution", Institution));
        atts.AddRange(Extra.Where(e => atts.All(a => a.Name != e.Name)));
        return atts;
    }
}
