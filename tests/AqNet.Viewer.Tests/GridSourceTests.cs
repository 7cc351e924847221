using AqNet.Core.NetCdf;
using AqNet.Viewer.Grid;

namespace AqNet.Viewer.Tests;

/// <summary>Both formats give the values the writer put in, frame by frame and cell by cell.</summary>
public sealed class GridSourceTests(ViewerFixture f) : IClassFixture<ViewerFixture>
{
    public static TheoryData<string> Formats() => ["nc", "zarr"];

    private string PathOf(string format) => format == "nc" ? f.Nc : f.Zarr;

    [Theory]
    [MemberData(nameof(Formats))]
    public void Info_describes_the_grid(string format)
    {
        using var g = GridSource.Open(PathOf(format));
        var i = g.Info;
        Assert.Equal((ViewerFixture.NLon, ViewerFixture.NLat, ViewerFixture.Steps), (i.NLon, i.NLat, i.Steps));
        Assert.Equal(160, i.Lon0, 9);
        Assert.Equal(20, i.Lat0, 9);
        Assert.Equal(0.1, i.Resolution, 9);
        Assert.Equal(ViewerFixture.T0, i.Times[0]);
        Assert.Equal(ViewerFixture.T0.AddHours(-1), i.Starts[0]);
        Assert.False(i.Daily);
        Assert.Equal([FieldLayer.Pm25, FieldLayer.Uncertainty], i.Layers);
        Assert.Equal(20, i.FarThresholdKm);
        Assert.Equal("ug m-3", i.Units);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Frames_and_cell_series_hold_the_written_values(string format)
    {
        using var g = GridSource.Open(PathOf(format));
        using var nc = NetCdfReader.Open(f.Nc);
        for (var t = 0; t < ViewerFixture.Steps; t++)
        {
            var frame = g.Frame(FieldLayer.Pm25, t);
            Assert.Equal(nc.ReadTimeSlice("pm25", t), frame);
            Assert.Equal(ViewerFixture.Pm25(t, 7), frame[7]);
            Assert.True(float.IsNaN(frame[23]));
        }
        Assert.Equal([.. Enumerable.Range(0, ViewerFixture.Steps).Select(t => ViewerFixture.Pm25(t, 9))], g.Series(FieldLayer.Pm25, 9));
        Assert.Equal(ViewerFixture.Uncertainty(5), g.Frame(FieldLayer.Uncertainty, 3)[5]);
        Assert.Equal(2f * 13, g.Static("distance_to_nearest_station")![13]);
        Assert.Equal([0f, 1f], g.Static("far_from_stations")!.Distinct().Order());
        Assert.Null(g.Static("no_such_variable"));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Frame(FieldLayer.Pm25, ViewerFixture.Steps));
    }

    [Fact]
    public void A_missing_or_foreign_file_is_a_clear_input_error()
    {
        var e = Assert.Throws<Core.Data.InputException>(() => GridSource.Open(Path.Combine(f.Dir, "nope.nc")));
        Assert.Contains("no such file", e.Message);
        var other = Path.Combine(f.Dir, "other.nc");
        File.WriteAllText(other, "not netcdf");
        Assert.Contains("expected a NetCDF file", Assert.Throws<Core.Data.InputException>(() => GridSource.Open(other)).Message);
        Assert.Contains(".zmetadata", Assert.Throws<Core.Data.InputException>(() => GridSource.Open(f.Model)).Message);
    }
}
