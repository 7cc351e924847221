using AqNet.Core.NetCdf;

namespace AqNet.Core.Tests.NetCdf;

/// <summary>A tiny dataset with every feature the writers support: a record dimension with bounds, a scalar, a char
/// label, a byte flag, a short count with its own fill, and a float grid written in pieces with NaN and never-written
/// parts. Written the same way to NetCDF and to Zarr so both can be checked against the same expected values.</summary>
internal static class SampleDataset
{
    public static readonly double[] Time = [473352, 473353];   // 2024-01-01T00Z and 01Z, hours since 1970-01-01
    public static readonly float NaN = float.NaN;
    // pm25[t, lat, lon]: t = 0 written whole (one NaN), t = 1 only its second row; the first row reads as fill.
    public static readonly float[] Pm25 = [1.5f, 2.25f, NaN, 4f, 5.125f, 6f, NaN, NaN, NaN, 10f, 11f, 12.5f];
    public static readonly sbyte[] Mask = [0, 1, 1, 0, 0, 1];
    public static readonly short[] Count = [3, -1, -1, 7, 8, 9];   // -1 = fill: the first row is written in part

    public static DatasetSchema Schema() => new(
        [new("time", 2, Unlimited: true), new("nv", 2), new("lat", 2), new("lon", 3), new("label_len", 10)],
        [
            new("time", NcType.Double, ["time"], CfAxes.Time(NcTimeAxis.HoursSinceEpoch, bounds: "time_bnds")) { Data = Time },
            new("time_bnds", NcType.Double, ["time", "nv"], []) { Data = new double[] { 473351, 473352, 473352, 473353 } },
            new("lat", NcType.Double, ["lat"], CfAxes.Latitude()) { Data = new[] { 39.5, 40.5 } },
            new("lon", NcType.Double, ["lon"], CfAxes.Longitude()) { Data = new[] { 116.0, 116.5, 117.0 } },
            new("crs", NcType.Int, [], [NcAttribute.Text("grid_mapping_name", "latitude_longitude")]) { Data = new[] { 0 } },
            new("label", NcType.Char, ["time", "label_len"], [NcAttribute.Text("long_name", "local date")]) { Data = new[] { "2024-01-01", "2024-01-02" } },
            new("pm25", NcType.Float, ["time", "lat", "lon"],
                [NcAttribute.Text("units", "ug m-3"), NcAttribute.Floats("_FillValue", -9999f), NcAttribute.Text("grid_mapping", "crs")]) { ChunkRows = 1 },
            new("mask", NcType.Byte, ["lat", "lon"], [NcAttribute.Bytes("flag_values", 0, 1), NcAttribute.Text("flag_meanings", "near far")]),
            new("count", NcType.Short, ["lat", "lon"], [NcAttribute.Shorts("_FillValue", -1), NcAttribute.Text("units", "1")]),
        ],
        [NcAttribute.Text("Conventions", "CF-1.8"), NcAttribute.Text("title", "sample")]);

    public static void Write(string path)
    {
        using var w = DatasetWriter.For(path, Schema());
        w.Write<float>("pm25", 9, Pm25.AsSpan(9, 3));   // out of order: t = 1, second row first
        w.Write<float>("pm25", 0, Pm25.AsSpan(0, 6));
        w.Write<sbyte>("mask", 0, Mask);
        w.Write<short>("count", 0, Count.AsSpan(0, 1));
        w.Write<short>("count", 3, Count.AsSpan(3, 3));
        w.Complete();
    }
}
