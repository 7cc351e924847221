using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Fill;
using AqNet.Core.NetCdf;
using AqNet.Core.Store;
using AqNet.Tests;
using DuckDB.NET.Data;

namespace AqNet.Core.Tests.Fill;

/// <summary>Each writer of the filled record on two stations × three hours: NetCDF/Zarr timeSeries, Parquet, the store table.</summary>
public sealed class FilledWritersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-fill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly DateTime T0 = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>[time, station]: S1 observed 10, filled 11.5 [9, 14], observed-but-flagged 12; S2 observed 20, 21, 22.</summary>
    internal static FilledRecord Sample()
    {
        var r = new FilledRecord([new Station("S1", "Alpha", 116.4, 39.9), new Station("S2", "北京", 116.2, 40.1)], T0, 3)
            { MeasuredCoverage = 0.88, Method = "test" };
        float[] v = [10, 20, 11.5f, 21, 12, 22];
        v.CopyTo(r.Value, 0);
        v.CopyTo(r.Lower, 0);
        v.CopyTo(r.Upper, 0);
        (r.Lower[2], r.Upper[2]) = (9, 14);
        r.Flag[2] = FillFlag.Filled;
        r.Flag[4] = FillFlag.ObservedFlagged;
        return r;
    }

    private static ProductInfo Info => new("t", "inst", "src", "2024-01-02T00:00:00Z aqnet fill --out x.nc", "refs", "CC BY 4.0");

    [Fact]
    public void NetCdf_time_series_has_station_rows_and_DSG_attributes()
    {
        var path = Path.Combine(_dir, "f.nc");
        FilledRecordFiles.Write(path, Sample(), Info);
        using var r = NetCdfReader.Open(path);
        Assert.Equal("timeSeries", r.Header.GlobalAttribute("featureType")?.AsText);
        Assert.Equal("timeseries_id", r.Header.Variable("station_id").Attribute("cf_role")?.AsText);
        Assert.Equal(["S1", "S2"], r.ReadStrings("station_id"));
        Assert.Equal(["Alpha", "北京"], r.ReadStrings("station_name"));
        Assert.Equal([39.9, 40.1], r.ReadDoubles("lat"));
        Assert.Equal([10f, 11.5f, 12, 20, 21, 22], r.ReadFloats("pm25"));          // [station, time]
        Assert.Equal([10f, 9, 12, 20, 21, 22], r.ReadFloats("pm25_lower"));
        Assert.Equal([10f, 14, 12, 20, 21, 22], r.ReadFloats("pm25_upper"));
        Assert.Equal([0.0, 1, 2, 0, 0, 0], r.ReadDoubles("pm25_flag"));
        Assert.Equal("observed filled observed_qc_flagged", r.Header.Variable("pm25_flag").Attribute("flag_meanings")?.AsText);
        Assert.Equal([0.9], r.Header.Variable("pm25_upper").Attribute("coverage")!.AsDoubles());
        Assert.Equal([0.88], r.Header.Variable("pm25_upper").Attribute("measured_coverage")!.AsDoubles());
        Assert.Equal([473352.0, 473353, 473354], r.ReadDoubles("time"));
    }

    [ToolFact("/usr/bin/python3", "xarray", "netCDF4", "zarr")]
    public void Xarray_opens_the_time_series_as_netcdf_and_zarr()
    {
        const string script = """
            import json, sys, xarray as xr
            p = sys.argv[1]
            ds = xr.open_zarr(p, consolidated=True) if p.endswith(".zarr") else xr.open_dataset(p)
            print(json.dumps({"feature": ds.attrs["featureType"], "ids": [v.decode() for v in ds.station_id.values],
              "dims": list(ds.pm25.dims), "pm": [float(v) for v in ds.pm25.sel(station=0).values],
              "flag": [int(v) for v in ds.pm25_flag.values.ravel()], "time": str(ds.time.values[0])[:16],
              "role": ds.station_id.attrs["cf_role"]}))
            """;
        foreach (var name in new[] { "f.nc", "f.zarr" })
        {
            var path = Path.Combine(_dir, name);
            FilledRecordFiles.Write(path, Sample(), Info);
            var (code, stdout, stderr) = ExternalTools.Run("/usr/bin/python3", ["-c", script, path], TimeSpan.FromSeconds(120));
            Assert.True(code == 0, stderr);
            var j = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal("timeSeries", j.GetProperty("feature").GetString());
            Assert.Equal("timeseries_id", j.GetProperty("role").GetString());
            Assert.Equal(["S1", "S2"], j.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["station", "time"], j.GetProperty("dims").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal([10.0, 11.5, 12], j.GetProperty("pm").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal([0, 1, 2, 0, 0, 0], j.GetProperty("flag").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal("2024-01-01T00:00", j.GetProperty("time").GetString());
        }
    }

    [Fact]
    public void Parquet_has_one_row_per_station_and_hour()
    {
        var path = Path.Combine(_dir, "f.parquet");
        Assert.Equal(6, FilledParquet.Write(path, Sample()));
        Assert.Equal(["S1|Alpha|2024-01-01 00:00|10|10|10|0", "S1|Alpha|2024-01-01 01:00|11.5|9|14|1", "S1|Alpha|2024-01-01 02:00|12|12|12|2",
                      "S2|北京|2024-01-01 00:00|20|20|20|0", "S2|北京|2024-01-01 01:00|21|21|21|0", "S2|北京|2024-01-01 02:00|22|22|22|0"],
            Rows($"SELECT station_id, station_name, strftime(time_utc, '%Y-%m-%d %H:%M'), value, lower, upper, flag FROM read_parquet('{path}') ORDER BY 1, 3"));
        Assert.Empty(Directory.GetFiles(_dir, ".*"));   // no temp file left
    }

    [Fact]
    public void The_store_table_is_replaced_per_station_and_hour_and_exported()
    {
        var storePath = Path.Combine(_dir, "s.duckdb");
        using (var store = AqStore.OpenWrite(storePath))
        {
            FilledStore.Write(store, Sample());
            var later = new FilledRecord([new Station("S1", "Alpha", 116.4, 39.9)], T0.AddHours(2), 1) { Method = "again" };
            later.Value[0] = later.Lower[0] = later.Upper[0] = 99;
            FilledStore.Write(store, later);                     // replaces S1 at 02:00 only
            var f = FilledStore.Summary(store)!;
            Assert.Equal((2, T0, T0.AddHours(2), 5L, 1L, 0L, "again"), (f.Stations, f.FromUtc, f.ToUtc, f.Observed, f.Filled, f.Flagged, f.Method));
        }
        using (var store = AqStore.OpenRead(storePath))
        {
            var csv = Path.Combine(_dir, "f.csv");
            Assert.Equal(6, FilledStore.Export(store, ExportFormat.Csv, csv));
            var lines = File.ReadAllLines(csv);
            Assert.Equal("station_id,station_name,longitude,latitude,time_utc,value,lower,upper,flag", lines[0]);
            Assert.Equal("S1,,,,2024-01-01 02:00:00,99.0,99.0,99.0,0", lines[3]); // no station row in this bare store
        }
    }

    private static List<string> Rows(string sql)
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read()) rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), Fmt.Inv))));
        return rows;
    }
}
