using System.Globalization;
using System.Reflection;
using System.Text;
using AqNet.Viewer.Hosting;
using AqNet.Viewer.Stations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AqNet.Viewer.Http;

/// <summary>The fixed set of routes. No route takes a path from the URL to the file system: the page and its script
/// are embedded resources, the data comes from the files opened at start, and anything else is 404.</summary>
internal static class ViewerRoutes
{
    private const string Binary = "application/octet-stream";

    public static void Map(WebApplication app, ViewerData d)
    {
        var html = Asset("index.html");
        var js = Asset("app.js");
        app.MapGet("/", () => Results.Bytes(html, "text/html; charset=utf-8"));
        app.MapGet("/app.js", () => Results.Bytes(js, "text/javascript; charset=utf-8"));
        app.MapGet("/api/meta", () => Results.Json(ApiModels.Meta(d)));
        app.MapGet("/api/frame/{t:int}", (int t, string? layer) =>
        {
            if (ApiModels.ParseLayer(layer) is not { } l || !d.Grid.Info.Layers.Contains(l)) return Results.NotFound();
            if ((uint)t >= (uint)d.Grid.Info.Steps) return Results.NotFound();
            return Results.Bytes(FrameEncoding.Encode(d.Grid.Frame(l, t)), Binary);
        });
        app.MapGet("/api/static/{name}", (string name) =>
        {
            var variable = name switch { "distance" => "distance_to_nearest_station", "far" => "far_from_stations", _ => null };
            return variable is not null && d.Grid.Static(variable) is { } v ? Results.Bytes(FrameEncoding.Encode(v), Binary) : Results.NotFound();
        });
        app.MapGet("/api/boundaries", () => Results.Json(ApiModels.Boundaries(d)));
        app.MapGet("/api/stations", (int? t) =>
            t is { } i && (uint)i >= (uint)d.Grid.Info.Steps ? Results.NotFound() : Results.Json(ApiModels.Stations(d, t)));
        app.MapGet("/api/series", (string? station, string? cell) =>
            Find(d, station, cell) is { } s ? Results.Json(ApiModels.Series(s)) : Results.NotFound());
        app.MapGet("/api/series.csv", (string? station, string? cell) =>
            Find(d, station, cell) is { } s
                ? Results.File(Encoding.UTF8.GetBytes(SeriesBuilder.Csv(s)), "text/csv; charset=utf-8", FileName(s))
                : Results.NotFound());
        app.MapFallback(() => Results.NotFound());
    }

    /// <summary>?station=ID (a station on the grid) or ?cell=I,J (column, row from the south).</summary>
    private static Series? Find(ViewerData d, string? station, string? cell)
    {
        if (station is not null)
        {
            var k = d.Stations.IndexOf(station);
            return k < 0 ? null : SeriesBuilder.ForStation(d.Grid, d.Stations, k);
        }
        if (cell?.Split(',') is [var a, var b] && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var j) && i < d.Grid.Info.NLon && j < d.Grid.Info.NLat)
            return SeriesBuilder.ForCell(d.Grid, d.Stations, i, j);
        return null;
    }

    private static string FileName(Series s) =>
        "series-" + new string([.. s.Label.TakeWhile(c => c != '(').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]).Trim('_') + ".csv";

    private static byte[] Asset(string name)
    {
        using var s = typeof(ViewerRoutes).Assembly.GetManifestResourceStream("AqNet.Viewer.Assets." + name)
            ?? throw new InvalidOperationException($"embedded asset {name} missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
