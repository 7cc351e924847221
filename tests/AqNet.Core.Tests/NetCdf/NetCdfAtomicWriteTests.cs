using AqNet.Core.Data;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Tests.NetCdf;

public sealed class NetCdfAtomicWriteTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-nc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static NetCdfWriter Create(string path) => NetCdfWriter.Create(path, [10.0, 11.0], [20.0, 21.0, 22.0],
        [new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc)], [GridVariable.Pm25()], new NetCdfGlobals("t", "s", "h"));

    [Fact]
    public void Dispose_without_Complete_leaves_no_file_and_no_temp()
    {
        var path = Path.Combine(_dir, "out.nc");
        using (var w = Create(path))
        {
            w.WriteTimeSlice(0, "pm25", new float[6]);
            Assert.False(File.Exists(path)); // nothing at the final path before Complete
            Assert.Single(Directory.GetFiles(_dir)); // only the temp file
        }
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Complete_replaces_an_existing_file_and_removes_the_temp()
    {
        var path = Path.Combine(_dir, "out.nc");
        File.WriteAllText(path, "old");
        using (var w = Create(path))
        {
            w.WriteTimeSlice(0, "pm25", [1, 2, 3, 4, 5, 6]);
            w.Complete();
        }
        Assert.Equal([path], Directory.GetFiles(_dir));
        using var r = NetCdfReader.Open(path);
        Assert.Equal([1f, 2, 3, 4, 5, 6], r.ReadFloats("pm25"));
    }

    [Fact]
    public void Failed_write_then_dispose_leaves_nothing()
    {
        var path = Path.Combine(_dir, "out.nc");
        using (var w = Create(path))
        {
            Assert.Throws<ArgumentException>(() => w.WriteTimeSlice(0, "pm25", new float[5])); // wrong slab size
            Assert.Throws<ArgumentOutOfRangeException>(() => w.WriteTimeSlice(1, "pm25", new float[6]));
            Assert.Throws<ArgumentException>(() => w.WriteTimeSlice(0, "nope", new float[6]));
        }
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Unwritable_output_directory_is_an_InputException_naming_the_path()
    {
        // A regular file where a directory should be: fails even for root, unlike permission bits.
        var blocker = Path.Combine(_dir, "not-a-dir");
        File.WriteAllText(blocker, "x");
        var path = Path.Combine(blocker, "out.nc");
        var e = Assert.Throws<InputException>(() => Create(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Bad_coordinates_and_local_times_are_rejected()
    {
        var path = Path.Combine(_dir, "out.nc");
        var g = new NetCdfGlobals("t", "s", "h");
        Assert.Throws<ArgumentException>(() => NetCdfWriter.Create(path, [10.0, 10.0], [1.0], NcTimeAxis.FromUtc([DateTime.UnixEpoch]), [], g));
        Assert.Throws<ArgumentException>(() => NetCdfWriter.Create(path, [95.0], [1.0], NcTimeAxis.FromUtc([DateTime.UnixEpoch]), [], g));
        Assert.Throws<ArgumentException>(() => NcTimeAxis.FromUtc([new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local)]));
        Assert.Throws<ArgumentException>(() => NetCdfWriter.Create(path, [1.0], [1.0], new NcTimeAxis([2.0, 1.0], NcTimeAxis.HoursSinceEpoch), [], g));
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
