namespace AqNet.Core.NetCdf;

/// <summary>The plain CF grid of <see cref="NetCdfWriter"/>: dimensions time (record), lat, lon; coordinate variables
/// time, lat, lon (double); then the float32 data variables, [time, lat, lon] or [lat, lon].</summary>
internal static class NcGridLayout
{
    public static DatasetSchema Build(IReadOnlyList<double> lats, IReadOnlyList<double> lons, NcTimeAxis time,
        IReadOnlyList<GridVariable> vars, NetCdfGlobals globals)
    {
        var list = new List<DsVariable>
        {
            new("time", NcType.Double, ["time"], CfAxes.Time(time.Units)) { Data = time.Values.ToArray() },
            new("lat", NcType.Double, ["lat"], CfAxes.Latitude()) { Data = lats.ToArray() },
            new("lon", NcType.Double, ["lon"], CfAxes.Longitude()) { Data = lons.ToArray() },
        };
        list.AddRange(vars.Select(v => v.ToDataset()));
        return new DatasetSchema(
            [new DsDimension("time", time.Values.Count, Unlimited: true), new DsDimension("lat", lats.Count), new DsDimension("lon", lons.Count)],
            list, globals.ToAttributes());
    }
}

/// <summary>CF attributes of the coordinate variables.</summary>
internal static class CfAxes
{
    public static List<NcAttribute> Time(string units, string? bounds = null)
    {
        var a = Axis("time", "time", units, "T", calendar: "standard");
        if (bounds is not null) a.Add(NcAttribute.Text("bounds", bounds));
        return a;
    }

    public static List<NcAttribute> Latitude() => Axis("latitude", "latitude", "degrees_north", "Y");

    public static List<NcAttribute> Longitude() => Axis("longitude", "longitude", "degrees_east", "X");

    private static List<NcAttribute> Axis(string standardName, string longName, string units, string axis, string? calendar = null)
    {
        var atts = new List<NcAttribute>
        {
            NcAttribute.Text("standard_name", standardName),
            NcAttribute.Text("long_name", longName),
            NcAttribute.Text("units", units),
        };
        if (calendar is not null) atts.Add(NcAttribute.Text("calendar", calendar));
        atts.Add(NcAttribute.Text("axis", axis));
        return atts;
    }
}
