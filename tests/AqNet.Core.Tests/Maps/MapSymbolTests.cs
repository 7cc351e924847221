using AqNet.Core.Maps;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace AqNet.Core.Tests.Maps;

/// <summary>Ticks at one interval in degrees on both axes; stations filled with their value in the field's colours;
/// masked cells greyed.</summary>
public sealed class MapSymbolTests : IDisposable
{
    private const int PadLeft = 80, PadTop = 45;
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-map-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0.9, 1.0, 0.2)]     // Beijing
    [InlineData(8, 15, 2)]          // northern China
    [InlineData(30, 30, 10)]
    [InlineData(0.12, 0.12, 0.02)]
    [InlineData(1, 60, 5)]          // a long strip: at most ten ticks on the long side
    public void Tick_steps_are_round_and_about_a_quarter_of_the_shorter_side(double shortSpan, double longSpan, double step) =>
        Assert.Equal(step, MapCanvas.TickStep(shortSpan, longSpan), 12);

    [Fact]
    public void Tick_labels_have_the_decimals_of_the_step() =>
        Assert.Equal(["0.025°E", "0.05°E"], MapCanvas.TickLabels(0.01, 0.06, 0.025, "E", "W").Select(t => t.Label));

    [Fact]
    public void Both_axes_get_the_same_interval_in_degrees()
    {
        // Beijing: 1.0° of longitude by 0.9° of latitude; automatic ticks gave 0.2° against 0.05°.
        var canvas = new MapCanvas(new GeoBox(115.9, 39.6, 116.9, 40.5), "t", 800);
        canvas.Plot.GetImage(canvas.Width, canvas.Height); // ticks are generated when drawn
        var x = ((NumericManual)canvas.Plot.Axes.Bottom.TickGenerator).Ticks;
        var y = ((NumericManual)canvas.Plot.Axes.Left.TickGenerator).Ticks;
        Assert.Equal(["116°E", "116.2°E", "116.4°E", "116.6°E", "116.8°E"], x.Select(t => t.Label));
        Assert.Equal(["39.6°N", "39.8°N", "40°N", "40.2°N", "40.4°N"], y.Select(t => t.Label));
    }

    private static SKColor At(SKBitmap bmp, GeoBox box, double lon, double lat)
    {
        var (w, h) = (bmp.Width - 205, bmp.Height - 100);
        return bmp.GetPixel((int)(PadLeft + (lon - box.LonMin) / (box.LonMax - box.LonMin) * w), (int)(PadTop + (box.LatMax - lat) / (box.LatMax - box.LatMin) * h));
    }

    private static void Near(SKColor expected, SKColor actual, int tol = 2) =>
        Assert.True(Math.Abs(expected.Red - actual.Red) <= tol && Math.Abs(expected.Green - actual.Green) <= tol && Math.Abs(expected.Blue - actual.Blue) <= tol,
            $"expected about {expected}, got {actual}");

    [Fact]
    public void Station_markers_take_their_observed_value_and_masked_cells_turn_grey()
    {
        var box = new GeoBox(100, 30, 104, 34);
        var lats = MapTestData.Axis(30, 34, 1);
        var lons = MapTestData.Axis(100, 104, 1);
        var field = new float[16];                 // all 0: dark purple
        var mask = new sbyte[16];
        mask[15] = 1;                              // the north-east cell is far from stations
        var path = Path.Combine(_dir, "s.png");
        MapRenderer.Render(path, field, lats, lons, "t", new MapOptions
        {
            DrawBoundaries = false, ColorRange = (0, 1), FarMask = mask,
            VisibleStations = MapTestData.Points((100.5, 30.5), (101.5, 30.5)), VisibleValues = [1.0, double.NaN],
        });
        using var bmp = MapTestData.Decode(path);
        var purple = new SKColor(0x44, 0x01, 0x54);
        Near(purple, At(bmp, box, 102.5, 30.5));                           // plain field
        Near(new SKColor(0xFD, 0xE7, 0x25), At(bmp, box, 100.5, 30.5));    // station observed 1: top of the scale
        Assert.Equal(SKColors.White, At(bmp, box, 101.5, 30.5));          // no observation: white
        var grey = At(bmp, box, 103.5, 33.5);                              // 55% grey over purple
        Near(new SKColor((byte)(0.55 * 0xBD + 0.45 * 0x44), (byte)(0.55 * 0xBD + 0.45 * 0x01), (byte)(0.55 * 0xBD + 0.45 * 0x54)), grey, tol: 3);
    }
}
