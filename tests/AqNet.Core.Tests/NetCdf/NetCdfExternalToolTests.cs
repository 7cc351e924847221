using AqNet.Tests;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Tests.NetCdf;

/// <summary>Checks the files against Unidata's own ncdump and against xarray (netCDF4 backend), so the format is
/// judged by independent readers, not only by our reader.</summary>
public sealed class NetCdfExternalToolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-nc-").FullName;
    private readonly string _path;

    public NetCdfExternalToolTests()
    {
        _path = Path.Combine(_dir, "g.nc");
        SampleGrid.Write(_path);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Run(string exe, params string[] args)
    {
        var (code, stdout, stderr) = ExternalTools.Run(exe, args, TimeSpan.FromSeconds(120));
        Assert.True(code == 0, $"{exe} exited {code}: {stderr}");
        return stdout;
    }

    [ToolFact("ncdump")]
    public void Ncdump_header_shows_dims_types_and_CF_attributes()
    {
        var h = Regex.Replace(Run("ncdump", "-h", _path), @"[ \t]+", " ");
        Assert.Contains("time = UNLIMITED ; // (3 currently)", h);
        Assert.Contains("lat = 3 ;", h);
        Assert.Contains("lon = 4 ;", h);
        Assert.Contains("float pm25(time, lat, lon) ;", h);
        Assert.Contains("float distance_to_nearest_station(lat, lon) ;", h);
        Assert.Contains("double time(time) ;", h);
        Assert.Contains("pm25:_FillValue = -9999.f ;", h);
        Assert.Contains("pm25:units = \"ug m-3\" ;", h);
        Assert.Contains("pm25:standard_name = \"mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air\" ;", h);
        Assert.Contains("time:units = \"hours since 1970-01-01 00:00:00\" ;", h);
        Assert.Contains("lat:axis = \"Y\" ;", h);
        Assert.Contains(":Conventions = \"CF-1.8\" ;", h);
        Assert.Contains(":title = \"AqNet test grid\" ;", h);
        Assert.Contains("64-bit offset", Run("ncdump", "-k", _path));
    }

    [ToolFact("ncdump")]
    public void Ncdump_data_matches_exactly()
    {
        // -p 9,17: enough digits that every float/double prints round-trippably.
        var dump = Run("ncdump", "-p", "9,17", "-v", "pm25,lat,time", _path);
        var pm25 = Values(dump, "pm25");
        var expected = Enumerable.Range(0, 3).SelectMany(t => SampleGrid.Slice((i, j) => SampleGrid.Pm25(t, i, j))).ToArray();
        Assert.Equal(expected, pm25.Select(d => (float)d));
        Assert.Equal(SampleGrid.Lats, Values(dump, "lat"));
        Assert.Equal([SampleGrid.Hours0, SampleGrid.Hours0 + 1, SampleGrid.Hours0 + 2.5], Values(dump, "time"));
    }

    /// <summary>Numbers of "name = ... ;" in the data section; ncdump prints fill values as "_".</summary>
    private static double[] Values(string dump, string name)
    {
        var data = dump[(dump.IndexOf("data:", StringComparison.Ordinal) + 5)..];
        var m = Regex.Match(data, $@"(?m)^\s*{name} =([^;]*);");
        Assert.True(m.Success, $"no data for {name} in ncdump output");
        return m.Groups[1].Value.Split([',', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s == "_" ? double.NaN : double.Parse(s.TrimEnd('f'), CultureInfo.InvariantCulture)).ToArray();
    }

    [ToolFact("/usr/bin/python3", "xarray")]
    public void Xarray_decodes_values_fill_and_time()
    {
        const string script = """
            import json, sys, math, xarray as xr
            ds = xr.open_dataset(sys.argv[1])
            def vals(a): return [None if math.isnan(float(v)) else float(v) for v in a.values.ravel()]
            print(json.dumps({
              "pm25": vals(ds.pm25), "unc": vals(ds.pm25_uncertainty), "dist": vals(ds.distance_to_nearest_station),
              "dtype": str(ds.pm25.dtype), "dims": list(ds.pm25.dims), "units": ds.pm25.attrs["units"],
              "fill": float(ds.pm25.encoding["_FillValue"]), "time": [str(t) for t in ds.time.values],
              "lat": [float(v) for v in ds.lat.values], "conventions": ds.attrs["Conventions"]}))
            """;
        using var doc = JsonDocument.Parse(Run("/usr/bin/python3", "-c", script, _path));
        var root = doc.RootElement;
        float[] F(string p) => root.GetProperty(p).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? float.NaN : (float)e.GetDouble()).ToArray();
        float[] All(Func<int, int, int, float> f) => Enumerable.Range(0, 3).SelectMany(t => SampleGrid.Slice((i, j) => f(t, i, j))).ToArray();
        Assert.Equal(All(SampleGrid.Pm25), F("pm25"));
        Assert.Equal(All(SampleGrid.ExpectedUnc), F("unc"));
        Assert.Equal(SampleGrid.Slice(SampleGrid.Dist), F("dist"));
        Assert.Equal("float32", root.GetProperty("dtype").GetString());
        Assert.Equal(["time", "lat", "lon"], root.GetProperty("dims").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ug m-3", root.GetProperty("units").GetString());
        Assert.Equal(GridVariable.FillValue, root.GetProperty("fill").GetDouble());
        Assert.Equal(["2024-01-01T00:00:00.000000000", "2024-01-01T01:00:00.000000000", "2024-01-01T02:30:00.000000000"],
            root.GetProperty("time").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(SampleGrid.Lats, root.GetProperty("lat").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("CF-1.8", root.GetProperty("conventions").GetString());
    }
}
