using System.Text;
using AqNet.Core.Data;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Fill;

/// <summary>A filled record as CF-1.8 discrete sampling geometry, featureType timeSeries, orthogonal multidimensional
/// layout: dimensions station and time, station_id (cf_role timeseries_id), station_name, lat, lon per station, one
/// time axis with bounds, and pm25, pm25_lower, pm25_upper, pm25_flag as [station, time]. Written as NetCDF (.nc) or
/// Zarr (.zarr) by the same <see cref="DatasetWriter"/>.</summary>
public static class FilledRecordFiles
{
    public static DatasetSchema Schema(FilledRecord r, ProductInfo info)
    {
        int Len(IEnumerable<string> xs) => Math.Max(1, xs.Select(x => Encoding.UTF8.GetByteCount(x)).DefaultIfEmpty(1).Max());
        var coverage = r.NominalCoverage;
        var stations = r.Stations;
        var lats = stations.Where(s => s.HasCoordinates).Select(s => s.Latitude!.Value).DefaultIfEmpty(0).ToArray();
        var lons = stations.Where(s => s.HasCoordinates).Select(s => s.Longitude!.Value).DefaultIfEmpty(0).ToArray();
        var globals = CfMetadata.Globals(info, r.StartUtc.AddHours(-1), r.TimeAt(r.Hours - 1), "PT1H",
            (lats.Min(), lats.Max(), lons.Min(), lons.Max()), featureType: "timeSeries");
        var dataAtts = (string longName) => new List<NcAttribute>
        {
            NcAttribute.Text("long_name", longName), NcAttribute.Text("coordinates", "time lat lon station_id"),
            NcAttribute.Text("cell_methods", "time: mean"),
        };
        var flagMeanings = string.Join(' ', Enum.GetValues<FillFlag>().Select(f => f switch
        {
            FillFlag.Observed => "observed", FillFlag.Filled => "filled", FillFlag.ObservedFlagged => "observed_qc_flagged",
            _ => throw new ArgumentOutOfRangeException(nameof(r)),
        }));
        return new DatasetSchema(
            [new("station", stations.Count), new("time", r.Hours), new("nv", 2),
             new("id_len", Len(stations.Select(s => s.Id))), new("name_len", Len(stations.Select(s => s.Name)))],
            [
                new("station_id", NcType.Char, ["station", "id_len"], [NcAttribute.Text("long_name", "station identifier"), NcAttribute.Text("cf_role", "timeseries_id")])
                    { Data = stations.Select(s => s.Id).ToArray() },
                new("station_name", NcType.Char, ["station", "name_len"], [NcAttribute.Text("long_name", "station name")])
                    { Data = stations.Select(s => s.Name).ToArray() },
                new("lat", NcType.Double, ["station"], [.. CfAxes.Latitude().Where(a => a.Name != "axis"), NcAttribute.Doubles("_FillValue", -9999.0)])
                    { Data = stations.Select(s => s.Latitude ?? double.NaN).ToArray() },
                new("lon", NcType.Double, ["station"], [.. CfAxes.Longitude().Where(a => a.Name != "axis"), NcAttribute.Doubles("_FillValue", -9999.0)])
                    { Data = stations.Select(s => s.Longitude ?? double.NaN).ToArray() },
                new("time", NcType.Double, ["time"], CfAxes.Time(NcTimeAxis.HoursSinceEpoch, bounds: "time_bnds"))
                    { Data = Enumerable.Range(0, r.Hours).Select(t => (r.TimeAt(t) - DateTime.UnixEpoch).TotalHours).ToArray() },
                new("time_bnds", NcType.Double, ["time", "nv"], [])
                    { Data = Enumerable.Range(0, r.Hours).SelectMany(t => new[] { (r.TimeAt(t) - DateTime.UnixEpoch).TotalHours - 1, (r.TimeAt(t) - DateTime.UnixEpoch).TotalHours }).ToArray() },
                Data(GridVariable.Pm25(), dataAtts("PM2.5 mass concentration: observed, or filled where pm25_flag = 1"),
                    NcAttribute.Text("ancillary_variables", "pm25_lower pm25_upper pm25_flag")),
                Data(GridVariable.Pm25Bound(false, coverage, r.MeasuredCoverage), dataAtts($"lower bound of the central {Fmt.D(100 * coverage)}% prediction interval (the value itself where observed)")),
                Data(GridVariable.Pm25Bound(true, coverage, r.MeasuredCoverage), dataAtts($"upper bound of the central {Fmt.D(100 * coverage)}% prediction interval (the value itself where observed)")),
                new("pm25_flag", NcType.Byte, ["station", "time"],
                [
                    NcAttribute.Text("standard_name", GridVariable.Pm25StandardName + " status_flag"),
                    NcAttribute.Text("long_name", "origin of each pm25 value"),
                    NcAttribute.Bytes("flag_values", [.. Enum.GetValues<FillFlag>().Select(f => (sbyte)f)]),
                    NcAttribute.Text("flag_meanings", flagMeanings),
                    NcAttribute.Text("coordinates", "time lat lon station_id"),
                ]),
            ],
            globals);
    }

    /// <summary>Writes the record to .nc or .zarr (the extension decides; anything else is refused).</summary>
    public static void Write(string path, FilledRecord r, ProductInfo info)
    {
        using var w = DatasetWriter.For(path, Schema(r, info));
        var row = new float[r.Hours];
        var flags = new sbyte[r.Hours];
        for (var s = 0; s < r.S; s++)
        {
            foreach (var (name, a) in new[] { ("pm25", r.Value), ("pm25_lower", r.Lower), ("pm25_upper", r.Upper) })
            {
                for (var t = 0; t < r.Hours; t++) row[t] = a[r.Index(t, s)];
                w.Write<float>(name, (long)s * r.Hours, row);
            }
            for (var t = 0; t < r.Hours; t++) flags[t] = (sbyte)r.Flag[r.Index(t, s)];
            w.Write<sbyte>("pm25_flag", (long)s * r.Hours, flags);
        }
        w.Complete();
    }

    /// <summary>A float variable [station, time] with the given attributes replacing long_name, plus the variable's own.</summary>
    private static DsVariable Data(GridVariable v, List<NcAttribute> atts, params NcAttribute[] extra)
    {
        var own = v.Attributes.Where(a => atts.All(b => b.Name != a.Name));
        return new DsVariable(v.Name, NcType.Float, ["station", "time"],
            [.. own, .. atts, .. extra, NcAttribute.Floats("_FillValue", GridVariable.FillValue)]);
    }
}
