using AqNet.Tests;
using System.IO.Compression;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.NetCdf;
using AqNet.Core.Tests.NetCdf;

namespace AqNet.Core.Tests.Zarr;

/// <summary>The same sample dataset written as NetCDF and as Zarr: read back exactly (our reader, the raw chunks) and
/// through xarray, which must see identical, fully decoded datasets.</summary>
public sealed class DatasetWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-ds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly float[] ExpectedPm25 = [.. SampleDataset.Pm25.Select((v, i) => i is >= 6 and < 9 ? float.NaN : v)];

    [Fact]
    public void NetCdf_reads_back_every_type_and_fills_what_was_never_written()
    {
        var path = Path.Combine(_dir, "s.nc");
        SampleDataset.Write(path);
        using var r = NetCdfReader.Open(path);
        Assert.Equal(ExpectedPm25, r.ReadFloats("pm25"));
        Assert.Equal([3.0, double.NaN, double.NaN, 7, 8, 9], r.ReadDoubles("count"));
        Assert.Equal([0.0, 1, 1, 0, 0, 1], r.ReadDoubles("mask"));
        Assert.Equal(["2024-01-01", "2024-01-02"], r.ReadStrings("label"));
        Assert.Equal([473351.0, 473352, 473352, 473353], r.ReadDoubles("time_bnds"));
        Assert.Equal([0.0], r.ReadDoubles("crs"));
        Assert.Empty(r.Header.Variable("crs").DimIds);
    }

    [Fact]
    public void Zarr_chunks_are_shuffled_zlib_little_endian_and_unwritten_chunks_are_absent()
    {
        var path = Path.Combine(_dir, "s.zarr");
        SampleDataset.Write(path);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "pm25", ".zarray")));
        var m = meta.RootElement;
        Assert.Equal([1, 1, 3], m.GetProperty("chunks").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("zlib", m.GetProperty("compressor").GetProperty("id").GetString());
        Assert.Equal(("shuffle", 4), (m.GetProperty("filters")[0].GetProperty("id").GetString(), m.GetProperty("filters")[0].GetProperty("elementsize").GetInt32()));
        Assert.Equal("<f4", m.GetProperty("dtype").GetString());
        Assert.Equal(-9999, m.GetProperty("fill_value").GetDouble());
        Assert.Equal(["0.0.0", "0.1.0", "1.1.0"], Directory.GetFiles(Path.Combine(path, "pm25")).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).Order());
        Assert.Equal([10f, 11f, 12.5f], Floats(Path.Combine(path, "pm25", "1.1.0")));
        Assert.Equal([1.5f, 2.25f, -9999f], Floats(Path.Combine(path, "pm25", "0.0.0")));
        using var attrs = JsonDocument.Parse(File.ReadAllText(Path.Combine(path, "label", ".zattrs")));
        Assert.Equal(["time"], attrs.RootElement.GetProperty("_ARRAY_DIMENSIONS").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(Path.Combine(path, ".zmetadata")));
        Assert.Equal([path], Directory.GetDirectories(_dir)); // no temp folder left
    }

    [Fact]
    public void Zarr_refuses_to_replace_something_that_is_not_a_store_and_leaves_nothing_on_failure()
    {
        var file = Path.Combine(_dir, "taken.zarr");
        File.WriteAllText(file, "x");
        var e = Assert.Throws<InputException>(() => SampleDataset.Write(file));
        Assert.Contains(file, e.Message);
        using (var w = DatasetWriter.For(Path.Combine(_dir, "half.zarr"), SampleDataset.Schema()))
            w.Write<float>("pm25", 0, [1f]);
        Assert.Equal([file], Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void An_unknown_extension_is_refused_naming_it()
    {
        var e = Assert.Throws<InputException>(() => OutputFormats.Of("grid.tif"));
        Assert.Contains("'grid.tif'", e.Message);
        Assert.Equal(OutputFormat.Zarr, OutputFormats.Of("a/grid.zarr/"));
    }

    [ToolFact("/usr/bin/python3", "xarray", "zarr", "netCDF4")]
    public void Xarray_sees_the_same_decoded_dataset_in_both_formats()
    {
        const string script = """
            import json, sys, math, xarray as xr
            p = sys.argv[1]
            ds = xr.open_zarr(p, consolidated=True) if p.endswith(".zarr") else xr.open_dataset(p)
            def vals(a): return [None if math.isnan(float(v)) else float(v) for v in a.values.ravel()]
            print(json.dumps({"pm25": vals(ds.pm25), "count": vals(ds["count"]), "mask": [int(v) for v in ds["mask"].values.ravel()],
              "mask_dtype": str(ds["mask"].dtype), "label": [v.decode() for v in ds.label.values],
              "time": [str(t)[:19] for t in ds.time.values], "bnds": [str(t)[:19] for t in ds.time_bnds.values.ravel()],
              "crs": ds.crs.attrs["grid_mapping_name"], "flags": [int(v) for v in ds["mask"].attrs["flag_values"]],
              "dims": list(ds.pm25.dims), "title": ds.attrs["title"]}))
            """;
        var nc = Path.Combine(_dir, "s.nc");
        var zarr = Path.Combine(_dir, "s.zarr");
        SampleDataset.Write(nc);
        SampleDataset.Write(zarr);
        var (a, b) = (Run(script, nc), Run(script, zarr));
        Assert.Equal(a, b);
        using var doc = JsonDocument.Parse(b);
        var root = doc.RootElement;
        Assert.Equal(ExpectedPm25, root.GetProperty("pm25").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? float.NaN : (float)e.GetDouble()));
        Assert.Equal(["2024-01-01", "2024-01-02"], root.GetProperty("label").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["2024-01-01T00:00:00", "2024-01-01T01:00:00"], root.GetProperty("time").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2023-12-31T23:00:00", root.GetProperty("bnds")[0].GetString());
        Assert.Equal("int8", root.GetProperty("mask_dtype").GetString());
        Assert.Equal("latitude_longitude", root.GetProperty("crs").GetString());
        Assert.Equal([3.0, double.NaN, double.NaN, 7, 8, 9], root.GetProperty("count").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()));
    }

    private static string Run(string script, string path)
    {
        var (code, stdout, stderr) = ExternalTools.Run("/usr/bin/python3", ["-c", script, path], TimeSpan.FromSeconds(120));
        Assert.True(code == 0, stderr);
        return stdout;
    }

    private static float[] Floats(string chunk)
    {
        using var z = new ZLibStream(File.OpenRead(chunk), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        z.CopyTo(ms);
        var shuffled = ms.ToArray();
        var n = shuffled.Length / 4;
        var b = new byte[shuffled.Length];   // undo the byte shuffle: byte j of value i is at j · n + i
        for (var i = 0; i < n; i++)
            for (var j = 0; j < 4; j++) b[4 * i + j] = shuffled[j * n + i];
        return [.. Enumerable.Range(0, b.Length / 4).Select(i => BitConverter.ToSingle(b, 4 * i))];
    }
}
