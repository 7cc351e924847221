using System.Text.Json;
using AqNet.Cli;
using AqNet.Core.NetCdf;
using AqNet.Tests;

namespace AqNet.Cli.Tests;

/// <summary>Once per run: the UCI Beijing store and a neural kNN trained on it with a short schedule (holdout).</summary>
public sealed class BeijingSpatialModel : IDisposable
{
    public BeijingSpatialModel()
    {
        Dir = Path.Combine(Path.GetTempPath(), "aqnet-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Dir);
        if (TestData.Root is null) return;
        Store = Path.Combine(Dir, "bj.duckdb");
        var zip = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        var (exit, _, err) = CliApp.Run("ingest", "prsa", zip, "--store", Store);
        if (exit != 0) throw new InvalidOperationException("ingest failed: " + err);
        (exit, _, err) = CliApp.Run("experiment", "spatial", "--store", Store, "--protocol", "holdout", "--quick", "--out", Path.Combine(Dir, "spatial"));
        if (exit != 0) throw new InvalidOperationException("spatial experiment failed: " + err);
        Model = Path.Combine(Dir, "spatial", "model");
    }

    public string Dir { get; }
    public string? Store { get; }

    private (string Nc, string Png, string Output)? _grid48;
    private readonly Lock _gridLock = new();

    /// <summary>The 48-hour Beijing grid (NetCDF, maps folder, stdout), made once for the tests that read it.</summary>
    public (string Nc, string Png, string Output) Grid48(Func<string, string, string, string?, string[]> args)
    {
        lock (_gridLock)
        {
            if (_grid48 is { } done) return done;
            var nc = Path.Combine(Dir, "bj48.nc");
            var png = Path.Combine(Dir, "maps");
            var (exit, output, err) = CliApp.Run([.. args("2016-12-01", "2016-12-02T23", nc, null), "--png", png]);
            Assert.True(exit == 0, err);
            _grid48 = (nc, png, output);
            return _grid48.Value;
        }
    }
    public string? Model { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>The checks of the gridded reanalysis on real data: a 48-hour grid over Beijing that opens in xarray with
/// dims (time, lat, lon), finite values in a physical range and the CF attributes; and the refusals.</summary>
public sealed class ReanalysisEndToEndTests(BeijingSpatialModel m) : IClassFixture<BeijingSpatialModel>
{
    private string[] Args(string from, string to, string output, string? store = null) =>
        ["reanalyze", "--model", m.Model!, "--store", store ?? m.Store!, "--bbox", "115.9,39.6,116.9,40.5", "--resolution", "0.02",
         "--from", from, "--to", to, "--out", output];

    private static JsonElement Python(string script, params string[] args)
    {
        var (code, stdout, stderr) = ExternalTools.Run("/usr/bin/python3", ["-c", script, .. args], TimeSpan.FromSeconds(120));
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement;
    }

    [DataFact]
    public void A_48_hour_beijing_grid_has_finite_values_in_a_physical_range_maps_and_the_whole_command()
    {
        var (nc, png, output) = m.Grid48(Args);
        Assert.Contains("48 hours × 45 lat × 50 lon", output);
        using (var r = NetCdfReader.Open(nc))
        {
            var pm = r.ReadFloats("pm25");
            Assert.Equal(48 * 45 * 50, pm.Length);
            Assert.All(pm, v => Assert.True(float.IsFinite(v) && v >= 0 && v < 1500, $"pm25 {v}"));
            var history = r.Header.GlobalAttribute("history")!.AsText!;
            Assert.Contains($"aqnet reanalyze --model {m.Model} --store {m.Store} --bbox 115.9,39.6,116.9,40.5", history);
            Assert.Contains($"--out {nc} --png {png}", history);
        }
        Assert.True(File.Exists(Path.Combine(png, "pm25_period_mean.png")));
        Assert.True(File.Exists(Path.Combine(png, "pm25_20161201T04Z.png"))); // 12:00 Beijing
        Assert.Contains("## Per local year", File.ReadAllText(Path.Combine(m.Dir, "bj48.summary.md")));
    }

    [DataToolFact("/usr/bin/python3", "numpy", "xarray", "netCDF4")]
    public void A_48_hour_beijing_grid_opens_in_xarray_with_cf_attributes()
    {
        var (nc, _, _) = m.Grid48(Args);
        var j = Python("""
            import json, sys, numpy as np, xarray as xr
            ds = xr.open_dataset(sys.argv[1])
            pm = ds["pm25"]
            print(json.dumps({"dims": list(pm.dims), "shape": list(pm.shape), "finite": bool(np.isfinite(pm.values).all()),
                "min": float(pm.min()), "max": float(pm.max()), "std_name": pm.attrs.get("standard_name"), "units": pm.attrs.get("units"),
                "conventions": ds.attrs.get("Conventions"), "license": ds.attrs.get("license"), "methods": pm.attrs.get("cell_methods"),
                "ancillary": pm.attrs.get("ancillary_variables"), "mapping": pm.attrs.get("grid_mapping"),
                "bnds": [str(t)[:16] for t in ds["time_bnds"].values[0]], "first": str(ds["time"].values[0])[:16],
                "far": int(ds["far_from_stations"].sum()), "unc_std": ds["pm25_uncertainty"].attrs.get("standard_name")}))
            """, nc);
        Assert.Equal(["time", "lat", "lon"], j.GetProperty("dims").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([48, 45, 50], j.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(j.GetProperty("finite").GetBoolean());
        Assert.InRange(j.GetProperty("min").GetDouble(), 0, 1500);
        Assert.Equal("mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air", j.GetProperty("std_name").GetString());
        Assert.Equal("ug m-3", j.GetProperty("units").GetString());
        Assert.Equal("CF-1.8", j.GetProperty("conventions").GetString());
        Assert.Contains("CC BY 4.0", j.GetProperty("license").GetString());
        Assert.StartsWith("area: point time: mean", j.GetProperty("methods").GetString());
        Assert.Equal("pm25_uncertainty distance_to_nearest_station far_from_stations", j.GetProperty("ancillary").GetString());
        Assert.Equal("crs", j.GetProperty("mapping").GetString());
        Assert.Equal(["2016-11-30T23:00", "2016-12-01T00:00"], j.GetProperty("bnds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2016-12-01T00:00", j.GetProperty("first").GetString());
        Assert.InRange(j.GetProperty("far").GetInt32(), 1, 45 * 50 - 1);
        Assert.EndsWith(" standard_error", j.GetProperty("unc_std").GetString());
    }

    [DataToolFact("gdalinfo")]
    public void Gdal_reads_the_grid_with_a_coordinate_system()
    {
        var nc = Path.Combine(m.Dir, "gdal.nc");
        Assert.Equal(0, CliApp.Run(Args("2016-12-01", "2016-12-01T02", nc)).Exit);
        var (code, stdout, stderr) = ExternalTools.Run("gdalinfo", ["NETCDF:" + nc + ":pm25"], TimeSpan.FromSeconds(60));
        Assert.True(code == 0, stderr);
        Assert.Contains("ID[\"EPSG\",4326]", stdout);
    }

    [DataToolFact("/usr/bin/python3", "xarray", "zarr")]
    public void A_daily_zarr_grid_keeps_marked_partial_days_and_carries_the_summaries()
    {
        var zarr = Path.Combine(m.Dir, "bjd.zarr");
        var (exit, output, err) = CliApp.Run([.. Args("2016-12-01", "2016-12-02T23", zarr), "--daily", "--partial-days", "keep"]);
        Assert.True(exit == 0, err);
        Assert.Contains("3 days × 45 lat × 50 lon (2 partial days, marked)", output);
        var j = Python("""
            import json, sys, xarray as xr
            ds = xr.open_zarr(sys.argv[1], consolidated=True)
            print(json.dumps({"time": [str(t)[:16] for t in ds.time.values], "date": [v.decode() for v in ds.local_date.values],
                "partial": [int(v) for v in ds.partial_day.values], "hours": [int(v) for v in ds.hours_averaged.values],
                "min": float(ds.pm25.min()), "who": int(ds.days_above_who_2021.max()), "valid": int(ds.days_valid.max()),
                "year": list(ds.pm25_annual_mean.dims)}))
            """, zarr);
        Assert.Equal(["2016-11-30T16:00", "2016-12-01T16:00", "2016-12-02T16:00"], j.GetProperty("time").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["2016-12-01", "2016-12-02", "2016-12-03"], j.GetProperty("date").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([1, 0, 1], j.GetProperty("partial").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([17, 24, 7], j.GetProperty("hours").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(j.GetProperty("min").GetDouble() >= 0);
        Assert.Equal((1, 1), (j.GetProperty("valid").GetInt32(), j.GetProperty("who").GetInt32())); // the one complete day, above 15 everywhere
        Assert.Equal(["year", "lat", "lon"], j.GetProperty("year").EnumerateArray().Select(e => e.GetString()));
    }

    [DataFact]
    public void A_time_range_outside_the_store_is_refused_and_leaves_no_file()
    {
        var nc = Path.Combine(m.Dir, "outside.nc");
        var (exit, _, err) = CliApp.Run(Args("2020-01-01", "2020-01-02", nc));
        Assert.Equal(2, exit);
        Assert.Contains("outside the store's data", err);
        Assert.False(File.Exists(nc));
        Assert.Empty(Directory.GetFiles(m.Dir, "outside.nc*"));
    }

    [DataFact]
    public void A_resolution_larger_than_the_box_an_out_folder_and_an_unwritable_png_folder_are_refused_before_any_file()
    {
        var nc = Path.Combine(m.Dir, "refused.nc");
        var args = Args("2016-12-01", "2016-12-01T03", nc);
        args[Array.IndexOf(args, "--resolution") + 1] = "1000";
        var (exit, _, err) = CliApp.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("error: grid resolution 1000° puts the first cell's centre outside the bbox (smaller side 0.9°); expected a cell size that fits in the box, e.g. 0.09", err);

        var folder = Directory.CreateDirectory(Path.Combine(m.Dir, "folder.nc")).FullName;
        (exit, _, err) = CliApp.Run(Args("2016-12-01", "2016-12-01T03", folder));
        Assert.Equal(2, exit);
        Assert.Contains($"error: --out '{folder}' is a folder; expected a NetCDF file name", err);

        var file = Path.Combine(m.Dir, "a-file");
        File.WriteAllText(file, "x");
        (exit, _, err) = CliApp.Run([.. Args("2016-12-01", "2016-12-01T03", nc), "--png", Path.Combine(file, "maps")]);
        Assert.Equal(2, exit);
        Assert.Contains($"error: --png '{Path.Combine(file, "maps")}': cannot write there", err);
        Assert.Empty(Directory.GetFiles(m.Dir, "refused.nc*"));
        Assert.DoesNotContain("   at ", err);
    }

    [DataFact]
    public void A_model_trained_on_another_store_is_refused()
    {
        using var fx = new Fixtures();
        var other = fx.Path_("other.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", fx.PrsaFolder(), "--store", other).Exit);
        var (exit, _, err) = CliApp.Run(Args("2013-03-01", "2013-03-01T02", fx.Path_("x.nc"), other));
        Assert.Equal(2, exit);
        Assert.Contains("error: ", err);
        Assert.False(File.Exists(fx.Path_("x.nc")));
    }
}
