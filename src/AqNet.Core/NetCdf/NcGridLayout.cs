namespace AqNet.Core.NetCdf;

/// <summary>Lays out a CF grid file: dimensions time (record), lat, lon; coordinate variables time, lat, lon (double);
/// then the float32 data variables. Fixed-size data (lat, lon, static 2-D fields) follows the header in header order,
/// then the records, each holding time[t] and one [lat, lon] slab per record variable.</summary>
internal static class NcGridLayout
{
    public const int TimeDim = 0, LatDim = 1, LonDim = 2;

    public static NcHeader Build(int nLat, int nLon, NcTimeAxis time, IReadOnlyList<GridVariable> vars, NetCdfGlobals globals)
    {
        var dims = new List<NcDimension> { new("time", 0, true), new("lat", nLat, false), new("lon", nLon, false) };
        var list = new List<NcVariable>
        {
            Var("time", [TimeDim], NcType.Double, Axis("time", "time", time.Units, "T", calendar: "standard")),
            Var("lat", [LatDim], NcType.Double, Axis("latitude", "latitude", "degrees_north", "Y")),
            Var("lon", [LonDim], NcType.Double, Axis("longitude", "longitude", "degrees_east", "X")),
        };
        foreach (var v in vars)
        {
            var atts = v.Attributes.ToList();
            if (atts.All(a => a.Name != "_FillValue")) atts.Add(NcAttribute.Floats("_FillValue", GridVariable.FillValue));
            if (atts.All(a => a.Name != "coordinates")) atts.Add(NcAttribute.Text("coordinates", v.PerTime ? "time lat lon" : "lat lon"));
            list.Add(Var(v.Name, v.PerTime ? [TimeDim, LatDim, LonDim] : [LatDim, LonDim], NcType.Float, atts));
        }
        var dup = list.GroupBy(v => v.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"variable '{dup.Key}' is defined twice", nameof(vars));

        var h = new NcHeader(2, time.Values.Count, dims, globals.ToAttributes(), list);
        h = h with { Variables = list.Select(v => v with { VSize = NcHeader.VSizeOf(h.ValuesPerSlab(v), v.Type) }).ToList() };
        // CDF-2 keeps vsize in 32 bits: one slab (one variable's [lat, lon] field) must stay under 4 GiB.
        var big = h.Variables.FirstOrDefault(v => v.VSize >= uint.MaxValue);
        if (big is not null) throw new ArgumentException($"variable {big.Name}: one [lat, lon] field exceeds the 4 GiB CDF-2 limit");

        long offset = NcHeaderCodec.Write(h).Length; // begin fields are 8 bytes in CDF-2, so the size is final
        var placed = new List<NcVariable>();
        foreach (var v in h.Variables.Where(v => !h.IsRecordVariable(v))) { placed.Add(v with { Begin = offset }); offset += v.VSize; }
        foreach (var v in h.Variables.Where(h.IsRecordVariable)) { placed.Add(v with { Begin = offset }); offset += v.VSize; }
        // Keep header order (the spec ties data order to it); only Begin changes.
        return h with { Variables = h.Variables.Select(v => placed.Single(p => p.Name == v.Name)).ToList() };
    }

    private static NcVariable Var(string name, int[] dims, NcType type, List<NcAttribute> atts) => new(name, dims, atts, type, 0, 0);

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
