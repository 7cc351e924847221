using AqNet.Core.NetCdf;

namespace AqNet.Core.Tests.NetCdf;

public sealed class NetCdfRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-nc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Values_round_trip_exactly_with_NaN_as_fill()
    {
        var path = Path.Combine(_dir, "g.nc");
        SampleGrid.Write(path);
        using var r = NetCdfReader.Open(path);
        Assert.Equal(2, r.Header.Version); // CDF-2: offsets beyond 2 GiB for big grids
        Assert.Equal(3, r.Header.NumRecs);
        for (var t = 0; t < 3; t++)
        {
            Assert.Equal(SampleGrid.Slice((i, j) => SampleGrid.Pm25(t, i, j)), r.ReadTimeSlice("pm25", t)); // NaN == NaN for float Equals
            Assert.Equal(SampleGrid.Slice((i, j) => SampleGrid.ExpectedUnc(t, i, j)), r.ReadTimeSlice("pm25_uncertainty", t));
        }
        Assert.Equal(SampleGrid.Slice(SampleGrid.Dist), r.ReadFloats("distance_to_nearest_station"));
        Assert.Equal(SampleGrid.Lats, r.ReadDoubles("lat"));
        Assert.Equal(SampleGrid.Lons, r.ReadDoubles("lon"));
        Assert.Equal([SampleGrid.Hours0, SampleGrid.Hours0 + 1, SampleGrid.Hours0 + 2.5], r.ReadDoubles("time"));
        // Unmasked, missing cells are the documented fill value, not NaN.
        Assert.Equal(GridVariable.FillValue, r.ReadTimeSlice("pm25", 1, mask: false)[0]);
        Assert.Equal(GridVariable.FillValue, r.ReadTimeSlice("pm25_uncertainty", 2, mask: false)[5]);
    }

    [Fact]
    public void Header_has_CF_dimensions_and_attributes()
    {
        var path = Path.Combine(_dir, "g.nc");
        SampleGrid.Write(path);
        using var r = NetCdfReader.Open(path);
        var h = r.Header;
        Assert.Equal(["time", "lat", "lon"], h.Dimensions.Select(d => d.Name));
        Assert.True(h.Dimensions[0].IsRecord);
        Assert.Equal([3, 4], h.Dimensions.Skip(1).Select(d => d.Length));
        Assert.Equal("CF-1.8", h.GlobalAttribute("Conventions")?.AsText);
        Assert.Equal("Test Institute", h.GlobalAttribute("institution")?.AsText);
        string? Att(string v, string a) => h.Variable(v).Attribute(a)?.AsText;
        Assert.Equal(("degrees_north", "latitude", "Y"), (Att("lat", "units"), Att("lat", "standard_name"), Att("lat", "axis")));
        Assert.Equal(("degrees_east", "longitude", "X"), (Att("lon", "units"), Att("lon", "standard_name"), Att("lon", "axis")));
        Assert.Equal(("hours since 1970-01-01 00:00:00", "standard", "T"), (Att("time", "units"), Att("time", "calendar"), Att("time", "axis")));
        Assert.Equal("mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air", Att("pm25", "standard_name"));
        Assert.Equal("ug m-3", Att("pm25_uncertainty", "units"));
        Assert.Equal("km", Att("distance_to_nearest_station", "units"));
        Assert.Equal([GridVariable.FillValue], (float[])h.Variable("pm25").Attribute("_FillValue")!.Value);
        Assert.Equal([0, 1, 2], h.Variable("pm25").DimIds);
        Assert.Equal([1, 2], h.Variable("distance_to_nearest_station").DimIds);
        Assert.Equal(NcType.Float, h.Variable("pm25").Type);
    }

    [Fact]
    public void Unwritten_grid_is_all_fill_and_header_codec_round_trips()
    {
        var path = Path.Combine(_dir, "empty.nc");
        using (var w = NetCdfWriter.Create(path, [1.0, 2.0], [3.0], NcTimeAxis.FromUtc([DateTime.UnixEpoch, DateTime.UnixEpoch.AddHours(6)]),
                   [GridVariable.Pm25()], new NetCdfGlobals("t", "s", "h")))
        {
            var back = NcHeaderCodec.Read(new MemoryStream(NcHeaderCodec.Write(w.Header)), "memory");
            Assert.Equal(w.Header.Variables.Select(v => (v.Name, v.Begin, v.VSize)), back.Variables.Select(v => (v.Name, v.Begin, v.VSize)));
            Assert.Equal(w.Header.GlobalAttributes.Select(a => a.ToString()), back.GlobalAttributes.Select(a => a.ToString()));
            w.Complete();
        }
        using var r = NetCdfReader.Open(path);
        Assert.All(r.ReadFloats("pm25"), v => Assert.True(float.IsNaN(v)));
        Assert.Equal([0.0, 6.0], r.ReadDoubles("time"));
        // Record layout: each record holds time (8 bytes) + one 2-cell float slab (8 bytes).
        Assert.Equal(16, r.Header.RecordSize);
        Assert.Equal(r.Header.Variable("time").Begin + 2 * 16, new FileInfo(path).Length);
    }
}
