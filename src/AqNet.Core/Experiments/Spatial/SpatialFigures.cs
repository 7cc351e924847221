using AqNet.Core.Data;
using AqNet.Core.Maps;
using AqNet.Core.Spatial;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>Per-station error maps like the paper's Fig. 8: for each model, the nowcast MAE of every hidden station as a
/// bubble (figures/mae_{model}.png), on one colour scale shared by all models so maps compare at a glance; and, when the
/// stations belong to several cities, one map per city (figures/mae_{model}_{city}.png).</summary>
public static class SpatialFigures
{
    public static IReadOnlyList<string> Write(string dir, IReadOnlyList<Station> stations, IReadOnlyList<SpatialMetricRow> rows)
    {
        Directory.CreateDirectory(dir);
        var now = rows.Where(r => r.Task == SpatialTask.Nowcast && !r.IsPooled && double.IsFinite(r.Mae)).ToArray();
        var byId = stations.Where(s => s.HasCoordinates).ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (now.Length == 0) return [];
        var range = (0.0, now.Max(r => r.Mae));
        var written = new List<string>();
        var cities = now.Select(r => byId.GetValueOrDefault(r.Station)?.City).Where(c => c is not null).Distinct().ToArray();
        foreach (var model in now.Select(r => r.Model).Distinct())
        {
            var mine = now.Where(r => r.Model == model && byId.ContainsKey(r.Station)).ToArray();
            var city = cities.Length == 1 ? $", {cities[0]}" : "";
            written.Add(Render(dir, $"mae_{model}", $"{model}: nowcast MAE at hidden stations{city}", mine, byId, range));
            if (cities.Length < 2) continue;
            foreach (var c in cities)
            {
                var inCity = mine.Where(r => byId[r.Station].City == c).ToArray();
                if (inCity.Length > 0) written.Add(Render(dir, $"mae_{model}_{Safe(c!)}", $"{model}: nowcast MAE at hidden stations, {c}", inCity, byId, range));
            }
        }
        return written;
    }

    private static string Render(string dir, string name, string title, IReadOnlyList<SpatialMetricRow> rows,
        Dictionary<string, Station> byId, (double, double) range)
    {
        var path = Path.Combine(dir, name + ".png");
        BubbleMap.Render(path, [.. rows.Select(r => GeoPoint.Of(byId[r.Station])!.Value)], [.. rows.Select(r => r.Mae)], title,
            new BubbleMapOptions { Quantity = "MAE", ColorRange = range });
        return path;
    }

    private static string Safe(string s) => string.Concat(s.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_'));
}
