using AqNet.Core.Spatial;
using ScottPlot;

namespace AqNet.Core.Maps;

/// <summary>The layers a field map draws over the field: the grey mask and the station markers, each with its legend entry.</summary>
internal static class MapLayers
{
    public sealed record StationColours(IColormap Colormap, double Min, double Max)
    {
        public Color Of(double v) => double.IsFinite(v) ? Colormap.GetColor(Math.Clamp((v - Min) / (Max - Min), 0, 1)) : Colors.White;
    }

    private static readonly Color MaskColour = Color.FromHex("#BDBDBD");

    /// <summary>Greys the masked cells with a translucent overlay, so the field stays readable beneath.</summary>
    public static void Mask(MapCanvas map, IReadOnlyList<sbyte> mask, int nLat, int nLon, bool latAsc, bool lonAsc, GeoBox extent, string label)
    {
        if (mask.Count != nLat * nLon) throw new ArgumentException($"mask has {mask.Count} values, grid has {nLat} × {nLon}", nameof(mask));
        if (!mask.Any(m => m != 0)) return;
        var grid = new double[nLat, nLon];
        for (var i = 0; i < nLat; i++)
            for (var j = 0; j < nLon; j++)
                grid[latAsc ? nLat - 1 - i : i, lonAsc ? j : nLon - 1 - j] = mask[i * nLon + j] != 0 ? 1 : double.NaN;
        var overlay = map.Plot.Add.Heatmap(grid);
        overlay.Colormap = new Solid(MaskColour);
        overlay.Extent = new CoordinateRect(extent.LonMin, extent.LonMax, extent.LatMin, extent.LatMax);
        overlay.NaNCellColor = Colors.Transparent;
        overlay.Opacity = 0.55;
        map.Legend.Add(new LegendItem { LabelText = label, FillColor = MaskColour.WithAlpha(0.55), MarkerShape = MarkerShape.None, LineWidth = 0 });
    }

    private sealed class Solid(Color c) : IColormap
    {
        public string Name => "solid";
        public Color GetColor(double normalizedIntensity) => c;
    }

    public static void Stations(MapCanvas map, IReadOnlyList<GeoPoint> points, IReadOnlyList<double>? values, MarkerShape shape,
        Color outline, float outlineWidth, string label, StationColours scale)
    {
        if (points.Count == 0) return;
        if (values is not null && values.Count != points.Count) throw new ArgumentException($"{points.Count} stations but {values.Count} values", nameof(values));
        for (var k = 0; k < points.Count; k++)
        {
            var m = map.Plot.Add.Marker(points[k].Lon, points[k].Lat, shape, 11, scale.Of(values?[k] ?? double.NaN));
            m.MarkerStyle.OutlineColor = outline; // the outline keeps every fill visible on every viridis colour
            m.MarkerStyle.OutlineWidth = outlineWidth;
        }
        map.Legend.Add(new LegendItem
        {
            LabelText = label, LineWidth = 0,
            MarkerStyle = new MarkerStyle(shape, 11, Colors.White) { OutlineColor = outline, OutlineWidth = outlineWidth },
        });
    }
}
