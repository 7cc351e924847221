using AqNet.Core.Data;
using AqNet.Core.Maps;
using SkiaSharp;

namespace AqNet.Core.Tests.Maps;

/// <summary>Reads pixels back from rendered PNGs: orientation of the field, colours at the ends of the scale, NaN grey,
/// bubble sizes. The data area starts 80 px from the left and 45 px from the top (MapCanvas padding).</summary>
public sealed class MapPixelTests : IDisposable
{
    private const int PadLeft = 80, PadTop = 45;
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-map-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static SKColor At(SKBitmap bmp, GeoBox box, double lon, double lat)
    {
        var (w, h) = (bmp.Width - 205, bmp.Height - 100);
        var x = PadLeft + (lon - box.LonMin) / (box.LonMax - box.LonMin) * w;
        var y = PadTop + (box.LatMax - lat) / (box.LatMax - box.LatMin) * h;
        return bmp.GetPixel((int)x, (int)y);
    }

    private static void Near(SKColor expected, SKColor actual, int tol = 12) =>
        Assert.True(Math.Abs(expected.Red - actual.Red) <= tol && Math.Abs(expected.Green - actual.Green) <= tol && Math.Abs(expected.Blue - actual.Blue) <= tol,
            $"expected about {expected}, got {actual}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // descending latitudes (north first, as in many model outputs) must draw the same way up
    public void North_is_up_east_is_right_and_NaN_is_grey(bool northFirst)
    {
        var box = new GeoBox(100, 30, 104, 34);
        var lats = MapTestData.Axis(30, 34, 1);
        var lons = MapTestData.Axis(100, 104, 1);
        if (northFirst) Array.Reverse(lats);
        // Value = 1 in the northern half, 0 in the south; the north-east cell is missing.
        var field = new float[16];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                field[i * 4 + j] = lats[i] > 32 ? (lats[i] > 33 && lons[j] > 103 ? float.NaN : 1f) : 0f;
        var path = Path.Combine(_dir, "m.png");
        MapRenderer.Render(path, field, lats, lons, "t", new MapOptions { DrawBoundaries = false, ColorRange = (0, 1) });
        using var bmp = MapTestData.Decode(path);
        Near(new SKColor(0xFD, 0xE7, 0x25), At(bmp, box, 100.5, 33.5)); // viridis top: yellow in the north-west
        Near(new SKColor(0x44, 0x01, 0x54), At(bmp, box, 102.5, 30.5)); // viridis bottom: dark purple in the south
        Near(new SKColor(0xE8, 0xE8, 0xE8), At(bmp, box, 103.5, 33.5), tol: 2); // missing cell: background grey
    }

    [Fact]
    public void Bubble_area_grows_with_the_value()
    {
        var stations = MapTestData.Points((100.5, 30.5), (103.5, 33.5));
        var path = Path.Combine(_dir, "b.png");
        var box = new GeoBox(100, 30, 104, 34);
        BubbleMap.Render(path, stations, [0.0, 20.0], "MAE", new BubbleMapOptions { DrawBoundaries = false, View = box });
        using var bmp = MapTestData.Decode(path);
        var bg = new SKColor(0xE8, 0xE8, 0xE8);
        // 0.06° of longitude is ~9 px here: inside the 30 px bubble of the largest error, outside the 6 px one of zero error.
        Near(new SKColor(0xFD, 0xE7, 0x25), At(bmp, box, 103.56, 33.5), tol: 30);
        Near(bg, At(bmp, box, 100.56, 30.5), tol: 2);
        Near(new SKColor(0x44, 0x01, 0x54), At(bmp, box, 100.5, 30.5), tol: 30);
    }

    [Fact]
    public void Unwritable_directory_is_an_InputException_and_leaves_no_file()
    {
        var blocker = Path.Combine(_dir, "file");
        File.WriteAllText(blocker, "x");
        var path = Path.Combine(blocker, "m.png");
        var e = Assert.Throws<InputException>(() => MapRenderer.Render(path, [1f, 2f, 3f, 4f], [0.0, 1.0], [0.0, 1.0], "t",
            new MapOptions { DrawBoundaries = false }));
        Assert.Contains(path, e.Message);
        Assert.Equal([blocker], Directory.GetFiles(_dir));
    }

    [Fact]
    public void Uneven_grid_and_wrong_field_size_are_rejected()
    {
        var path = Path.Combine(_dir, "m.png");
        Assert.Throws<ArgumentException>(() => MapRenderer.Render(path, new float[3], [0.0, 1.0, 3.0], [0.0], "t"));
        Assert.Throws<ArgumentException>(() => MapRenderer.Render(path, new float[3], [0.0, 1.0], [0.0], "t"));
        Assert.False(File.Exists(path));
    }
}
