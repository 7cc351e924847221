using AqNet.Core.Maps;

namespace AqNet.Core.Tests.Maps;

/// <summary>Renders the two reference views (Beijing, northern China) with real boundaries. Set AQNET_MAP_PREVIEW_DIR
/// to keep the PNGs for a human look; the assertions check size and aspect.</summary>
public sealed class MapPreviewTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-map-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("beijing", 115.9, 39.6, 116.9, 40.5, 0.02, 116.4, 39.9)]
    [InlineData("north-china", 110, 34, 125, 42, 0.1, 116.4, 39.9)]
    public void Field_map_has_the_latitude_aspect(string name, double w, double s, double e, double n, double res, double lon0, double lat0)
    {
        var box = new GeoBox(w, s, e, n);
        var (field, lats, lons) = MapTestData.Plume(box, res, lon0, lat0);
        var path = Path.Combine(MapTestData.PreviewDir(_dir), $"map-{name}.png");
        MapRenderer.Render(path, field, lats, lons, MapRenderer.Title("PM2.5 reanalysis (synthetic)", new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc)),
            new MapOptions
            {
                Boundaries = MapTestData.Shipped.Value,
                VisibleStations = MapTestData.Points((116.40, 39.90), (116.17, 40.29), (116.66, 39.89), (117.2, 39.1), (114.5, 38.0)),
                HiddenStations = MapTestData.Points((116.30, 39.99), (116.72, 40.14), (117.7, 39.0)),
            });
        using var bmp = MapTestData.Decode(path);
        // Data area = image minus the fixed padding (80 + 125 px wide, 45 + 55 px high).
        var ratio = (bmp.Width - 205.0) / (bmp.Height - 100.0);
        var expected = (e - w) * Math.Cos((s + n) / 2 * Math.PI / 180) / (n - s);
        Assert.InRange(ratio, expected * 0.99, expected * 1.01);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp-*"));
    }

    [Fact]
    public void Bubble_map_of_station_errors()
    {
        // Synthetic per-station MAE over northern China: larger away from Beijing, one station without a value.
        var rng = new Random(7);
        var stations = Enumerable.Range(0, 40).Select(_ => new AqNet.Core.Spatial.GeoPoint(112 + 11 * rng.NextDouble(), 35 + 6 * rng.NextDouble())).ToArray();
        var mae = stations.Select(p => 5 + 2.5 * Math.Sqrt(Math.Pow(p.Lon - 116.4, 2) + Math.Pow(p.Lat - 39.9, 2))).ToArray();
        mae[3] = double.NaN;
        var path = Path.Combine(MapTestData.PreviewDir(_dir), "bubble-north-china.png");
        BubbleMap.Render(path, stations, mae, "Per-station MAE, held-out evaluation (synthetic)",
            new BubbleMapOptions { Boundaries = MapTestData.Shipped.Value, View = new GeoBox(110, 34, 125, 42) });
        using var bmp = MapTestData.Decode(path);
        Assert.True(bmp.Width > 900 && bmp.Height > 500);
    }
}
