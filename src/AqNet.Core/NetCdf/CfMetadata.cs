using AqNet.Core.Data;

namespace AqNet.Core.NetCdf;

/// <summary>What a product says about itself in its global attributes (ACDD and CF names).</summary>
public sealed record ProductInfo(string Title, string Institution, string Source, string History, string References, string License)
{
    public string? Comment { get; init; }
    /// <summary>The file's date_created; null = now. Sharded runs give every part the same time, so a rerun writes identical bytes.</summary>
    public DateTime? CreatedUtc { get; init; }
}

/// <summary>Global attributes and the coordinate reference system shared by the grid and station products.</summary>
public static class CfMetadata
{
    /// <summary>WGS 84 (EPSG:4326) as GDAL writes it; GDAL reads crs_wkt / spatial_ref to give the file a CRS.</summary>
    public const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]]," +
        "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433," +
        "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    /// <summary>The scalar grid-mapping variable "crs" (CF latitude_longitude on the WGS 84 ellipsoid); data variables
    /// name it in their grid_mapping attribute.</summary>
    public static DsVariable Crs() => new("crs", NcType.Int, [],
    [
        NcAttribute.Text("grid_mapping_name", "latitude_longitude"),
        NcAttribute.Doubles("semi_major_axis", 6378137.0),
        NcAttribute.Doubles("inverse_flattening", 298.257223563),
        NcAttribute.Doubles("longitude_of_prime_meridian", 0.0),
        NcAttribute.Text("crs_wkt", Wgs84Wkt),
        NcAttribute.Text("spatial_ref", Wgs84Wkt),
        NcAttribute.Text("long_name", "WGS 84 (EPSG:4326)"),
    ]) { Data = new[] { 0 } };

    /// <param name="resolution">ISO 8601 duration of a step, e.g. PT1H or P1D.</param>
    public static List<NcAttribute> Globals(ProductInfo p, DateTime coverageStartUtc, DateTime coverageEndUtc, string resolution,
        (double LatMin, double LatMax, double LonMin, double LonMax) extent, string? featureType = null)
    {
        var a = new List<NcAttribute>
        {
            NcAttribute.Text("Conventions", "CF-1.8"),
            NcAttribute.Text("title", p.Title),
            NcAttribute.Text("institution", p.Institution),
            NcAttribute.Text("source", p.Source),
            NcAttribute.Text("history", p.History),
            NcAttribute.Text("references", p.References),
            NcAttribute.Text("license", p.License),
        };
        if (featureType is not null) a.Add(NcAttribute.Text("featureType", featureType));
        if (p.Comment is not null) a.Add(NcAttribute.Text("comment", p.Comment));
        a.AddRange(
        [
            NcAttribute.Text("time_coverage_start", Iso(coverageStartUtc)),
            NcAttribute.Text("time_coverage_end", Iso(coverageEndUtc)),
            NcAttribute.Text("time_coverage_resolution", resolution),
            NcAttribute.Doubles("geospatial_lat_min", extent.LatMin),
            NcAttribute.Doubles("geospatial_lat_max", extent.LatMax),
            NcAttribute.Doubles("geospatial_lon_min", extent.LonMin),
            NcAttribute.Doubles("geospatial_lon_max", extent.LonMax),
            NcAttribute.Text("geospatial_lat_units", "degrees_north"),
            NcAttribute.Text("geospatial_lon_units", "degrees_east"),
            NcAttribute.Text("date_created", Iso(p.CreatedUtc ?? DateTime.UtcNow)),
        ]);
        return a;
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Fmt.Inv);

    /// <summary>A command line as one string, arguments quoted where a shell would need it.</summary>
    public static string CommandLine(IEnumerable<string> args) =>
        string.Join(' ', args.Select(a => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,:=+@%".Contains(c))
            ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
}
