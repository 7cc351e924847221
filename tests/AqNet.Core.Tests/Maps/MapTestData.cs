using System.Runtime.CompilerServices;
using AqNet.Core.Maps;
using AqNet.Core.Spatial;
using SkiaSharp;

namespace AqNet.Core.Tests.Maps;

internal static class MapTestData
{
    /// <summary>The shipped boundaries file, found from this source file's path (builds may put bin/ outside the
    /// repository, and the csproj may not embed the file yet), else the embedded copy.</summary>
    public static readonly Lazy<Boundaries> Shipped = new(() =>
    {
        for (var dir = new FileInfo(ThisFile()).Directory; dir is not null; dir = dir.Parent)
        {
            var p = Path.Combine(dir.FullName, "src", "AqNet.Core", "Resources", "boundaries.bin");
            if (File.Exists(p)) return Boundaries.Load(p);
        }
        return Boundaries.Default() ?? throw new FileNotFoundException("src/AqNet.Core/Resources/boundaries.bin not found above " + ThisFile());
    });

    private static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>A smooth synthetic PM2.5 field (µg/m³): a plume centred on (lon0, lat0) over a background,
    /// with the south-west corner cell missing.</summary>
    public static (float[] Field, double[] Lats, double[] Lons) Plume(GeoBox box, double res, double lon0, double lat0)
    {
        var lats = Axis(box.LatMin, box.LatMax, res);
        var lons = Axis(box.LonMin, box.LonMax, res);
        var f = new float[lats.Length * lons.Length];
        var scale = Math.Max(box.LonMax - box.LonMin, box.LatMax - box.LatMin) / 4;
        for (var i = 0; i < lats.Length; i++)
            for (var j = 0; j < lons.Length; j++)
            {
                var d2 = (Math.Pow(lons[j] - lon0, 2) + Math.Pow(lats[i] - lat0, 2)) / (scale * scale);
                f[i * lons.Length + j] = (float)(20 + 130 * Math.Exp(-d2));
            }
        f[0] = float.NaN;
        return (f, lats, lons);
    }

    public static double[] Axis(double from, double to, double res) =>
        Enumerable.Range(0, (int)Math.Round((to - from) / res)).Select(k => from + (k + 0.5) * res).ToArray();

    public static GeoPoint[] Points(params (double Lon, double Lat)[] p) => p.Select(x => new GeoPoint(x.Lon, x.Lat)).ToArray();

    public static SKBitmap Decode(string path) => SKBitmap.Decode(path) ?? throw new InvalidDataException("not an image: " + path);

    /// <summary>Where previews go: $AQNET_MAP_PREVIEW_DIR if set (to look at them), else the test's temp folder.</summary>
    public static string PreviewDir(string fallback) => Environment.GetEnvironmentVariable("AQNET_MAP_PREVIEW_DIR") is { Length: > 0 } d ? d : fallback;
}
