using AqNet.Tests;
using System.Text.Json;
using AqNet.Core.Grid;
using AqNet.Core.NetCdf;
using AqNet.Core.Tests.NetCdf;

namespace AqNet.Core.Tests.Grid;

/// <summary>The CF layout of a reanalysis file on a 3 × 2 grid of three Beijing days (two partial, kept): time bounds,
/// cell methods, crs and grid_mapping, ancillary variables, the far mask and the yearly summaries, checked in our reader,
/// ncdump, xarray (NetCDF and Zarr) and GDAL.</summary>
public sealed class ReanalysisSchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-ra-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateTime From = new(2016, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ReanalysisLayout Layout()
    {
        var grid = new GridSpec(116, 39, 116.3, 39.2, 0.1);
        var steps = OutputSteps.LocalDays(From, 48, 8, PartialDays.Keep);
        var info = new ProductInfo("t", "inst", "src", "2024-01-01T00:00:00Z aqnet reanalyze --out x.nc", "refs", "CC BY 4.0");
        return new ReanalysisLayout
        {
            Grid = grid, Steps = steps, Daily = true, UtcOffsetHours = 8, SummaryYears = [2016],
            StepVariables = [GridVariable.Pm25(), GridVariable.Pm25Uncertainty(), GridVariable.Pm25Bound(false, 0.9, 0.88), GridVariable.Pm25Bound(true, 0.9, 0.88)],
            FarThresholdKm = 12.5, FarRule = "test rule", ChunkRows = 1,
            Globals = CfMetadata.Globals(info, steps[0].StartUtc, steps[^1].EndUtc, "P1D", (39, 39.2, 116, 116.3)),
        };
    }

    private string Write(string name)
    {
        var path = Path.Combine(_dir, name);
        using var w = DatasetWriter.For(path, ReanalysisSchema.Build(Layout()));
        for (var t = 0; t < 3; t++) w.Write<float>("pm25", t * 6, [.. Enumerable.Range(0, 6).Select(c => 10f * t + c)]);
        w.Write<sbyte>("far_from_stations", 0, [0, 0, 1, 0, 1, 1]);
        w.Write<short>("days_above_who_2021", 0, [1, 1, 0, 1, 1, 1]);
        w.Complete();
        return path;
    }

    [Fact]
    public void The_file_carries_bounds_methods_crs_and_flags()
    {
        using var r = NetCdfReader.Open(Write("r.nc"));
        var h = r.Header;
        string? Att(string v, string a) => h.Variable(v).Attribute(a)?.AsText;
        Assert.Equal("time_bnds", Att("time", "bounds"));
        Assert.Equal([411263.0, 411280, 411280, 411304, 411304, 411311], r.ReadDoubles("time_bnds")); // hours since 1970: 2016-11-30T23Z …
        Assert.Equal(["2016-12-01", "2016-12-02", "2016-12-03"], r.ReadStrings("local_date"));
        Assert.Equal([1.0, 0, 1], r.ReadDoubles("partial_day"));
        Assert.Equal([17.0, 24, 7], r.ReadDoubles("hours_averaged"));
        Assert.StartsWith("area: point time: mean (interval: 1 hour comment: hourly estimates over the local day, UTC+08:00", Att("pm25", "cell_methods"));
        Assert.Equal("crs", Att("pm25", "grid_mapping"));
        Assert.Equal("pm25_uncertainty pm25_lower pm25_upper distance_to_nearest_station far_from_stations", Att("pm25", "ancillary_variables"));
        Assert.Equal(GridVariable.Pm25StandardName, Att("pm25_upper", "standard_name"));
        Assert.Equal([0.9], h.Variable("pm25_lower").Attribute("coverage")!.AsDoubles());
        Assert.Equal(GridVariable.Pm25StandardName + " standard_error", Att("pm25_uncertainty", "standard_name"));
        Assert.Equal("latitude_longitude", Att("crs", "grid_mapping_name"));
        Assert.Equal([6378137.0], h.Variable("crs").Attribute("semi_major_axis")!.AsDoubles());
        Assert.Equal("near_stations far_from_stations", Att("far_from_stations", "flag_meanings"));
        Assert.Equal([0.0, 0, 1, 0, 1, 1], r.ReadDoubles("far_from_stations"));
        Assert.Equal([411280.0, 411304], r.ReadDoubles("year_bnds")); // the one complete day of 2016
        Assert.Equal([1.0, 1, 0, 1, 1, 1], r.ReadDoubles("days_above_who_2021"));
        Assert.Equal(Enumerable.Repeat(double.NaN, 6), r.ReadDoubles("pm25_annual_mean")); // never written: fill
        Assert.Equal("CC BY 4.0", h.GlobalAttribute("license")?.AsText);
        Assert.Equal("2016-11-30T23:00:00Z", h.GlobalAttribute("time_coverage_start")?.AsText);
        Assert.Equal([116.3], h.GlobalAttribute("geospatial_lon_max")!.AsDoubles());
    }

    [ToolFact("gdalinfo")]
    public void Gdal_sees_the_WGS84_coordinate_system()
    {
        var path = Write("g.nc");
        var (code, stdout, stderr) = ExternalTools.Run("gdalinfo", ["NETCDF:" + path + ":pm25"], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        Assert.Contains("ID[\"EPSG\",4326]", stdout);
        var px = System.Text.RegularExpressions.Regex.Match(stdout, @"Pixel Size = \(([-0-9.]+),([-0-9.]+)\)");
        Assert.True(px.Success, stdout);
        Assert.Equal((0.1, -0.1), (Math.Round(double.Parse(px.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 9),
            Math.Round(double.Parse(px.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 9)));
    }

    [ToolFact("/usr/bin/python3", "xarray", "zarr", "netCDF4")]
    public void Xarray_decodes_times_bounds_and_flags_in_NetCDF_and_Zarr()
    {
        const string script = """
            import json, sys, xarray as xr
            p = sys.argv[1]
            ds = xr.open_zarr(p, consolidated=True) if p.endswith(".zarr") else xr.open_dataset(p)
            print(json.dumps({"time": [str(t)[:16] for t in ds.time.values], "bnds": [str(t)[:16] for t in ds.time_bnds.values[1]],
              "date": [v.decode() for v in ds.local_date.values], "methods": ds.pm25.attrs["cell_methods"][:22],
              "far": int(ds.far_from_stations.sum()), "who": int(ds.days_above_who_2021.sum()), "year": str(ds.year.values[0])[:10],
              "pm": [float(v) for v in ds.pm25.isel(time=2).values.ravel()], "license": ds.attrs["license"]}))
            """;
        foreach (var name in new[] { "x.nc", "x.zarr" })
        {
            var (code, stdout, stderr) = ExternalTools.Run("/usr/bin/python3", ["-c", script, Write(name)], TimeSpan.FromSeconds(120));
            Assert.True(code == 0, stderr);
            var j = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(["2016-11-30T16:00", "2016-12-01T16:00", "2016-12-02T16:00"], j.GetProperty("time").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["2016-12-01T16:00", "2016-12-02T16:00"], j.GetProperty("bnds").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["2016-12-01", "2016-12-02", "2016-12-03"], j.GetProperty("date").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("area: point time: mean", j.GetProperty("methods").GetString());
            Assert.Equal((3, 5), (j.GetProperty("far").GetInt32(), j.GetProperty("who").GetInt32()));
            Assert.Equal("2016-12-01", j.GetProperty("year").GetString());
            Assert.Equal([20.0, 21, 22, 23, 24, 25], j.GetProperty("pm").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal("CC BY 4.0", j.GetProperty("license").GetString());
        }
    }
}
