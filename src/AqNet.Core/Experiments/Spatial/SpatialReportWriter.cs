using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>report.md of a spatial experiment: the protocol in words, the pooled table per task and horizon (models ×
/// MAE / RMSE / R² / n), then MAE per city (when the hidden stations lie in several cities) and per hidden station.</summary>
public static class SpatialReportWriter
{
    /// <param name="cityOf">Station id → city, for the per-city table (stations without a city are left out of it).</param>
    public static void Write(string path, SpatialExperimentResult r, IReadOnlyList<string> protocolText, IReadOnlyDictionary<string, string>? cityOf = null) =>
        AtomicFile.WriteAllText(path, Render(r, protocolText, cityOf), "report");

    public static string Render(SpatialExperimentResult r, IReadOnlyList<string> protocolText, IReadOnlyDictionary<string, string>? cityOf = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.AppendLine($"# Spatial evaluation, {r.ProtocolInfo["name"]}").AppendLine();
        sb.AppendLine("## Protocol").AppendLine();
        foreach (var line in protocolText) sb.AppendLine("- " + line);
        sb.AppendLine();
        var models = r.Rows.Select(x => x.Model).Distinct().ToArray();
        foreach (var (task, horizon) in r.Rows.Select(x => (x.Task, x.Horizon)).Distinct())
        {
            sb.AppendLine($"## {SpatialTasks.Name(task)}{(task == SpatialTask.Nowcast ? "" : " " + horizon)}: pooled over hidden stations and test hours").AppendLine();
            sb.AppendLine("| Model | MAE (µg/m³) | RMSE (µg/m³) | R² | n |").AppendLine("|---|---|---|---|---|");
            foreach (var m in models)
                if (r.Rows.FirstOrDefault(x => x.Model == m && x.Task == task && x.Horizon == horizon && x.IsPooled) is { } row)
                    sb.AppendLine($"| {m} | {Num(row.Mae, 2)} | {Num(row.Rmse, 2)} | {Num(row.R2, 3)} | {row.N.ToString(Fmt.Inv)} |");
            sb.AppendLine();
            var stationRows = r.Rows.Where(x => x.Task == task && x.Horizon == horizon && !x.IsPooled).ToArray();
            if (cityOf is not null) PerCity(sb, stationRows, models, cityOf);
            PerStation(sb, stationRows, models);
        }
        sb.AppendLine("Figures: `figures/mae_<model>.png` (MAE at each hidden station as a bubble; one map per city as well when the stations belong to several cities).");
        return sb.ToString();
    }

    private static void PerStation(StringBuilder sb, IReadOnlyList<SpatialMetricRow> rows, IReadOnlyList<string> models)
    {
        if (rows.Count == 0) return;
        var present = models.Where(m => rows.Any(x => x.Model == m)).ToArray();
        sb.AppendLine("MAE (µg/m³) per hidden station:").AppendLine();
        sb.AppendLine("| Station | " + string.Join(" | ", present) + " | n |");
        sb.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", present.Length)) + "---|");
        foreach (var st in rows.Select(x => x.Station).Distinct())
        {
            var cells = present.Select(m => rows.FirstOrDefault(x => x.Model == m && x.Station == st) is { } x ? Num(x.Mae, 2) : "—");
            var n = rows.Where(x => x.Station == st).Max(x => x.N);
            sb.AppendLine($"| {st} | {string.Join(" | ", cells)} | {n.ToString(Fmt.Inv)} |");
        }
        sb.AppendLine();
    }

    /// <summary>Errors pooled over each city's hidden stations: MAE = Σ nᵢ·MAEᵢ / Σ nᵢ and RMSE = √(Σ nᵢ·RMSEᵢ² / Σ nᵢ),
    /// exact because both are means over the stations' observations.</summary>
    private static void PerCity(StringBuilder sb, IReadOnlyList<SpatialMetricRow> rows, IReadOnlyList<string> models, IReadOnlyDictionary<string, string> cityOf)
    {
        var cities = rows.Where(x => x.N > 0).Select(x => cityOf.GetValueOrDefault(x.Station)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        if (cities.Length < 2) return;
        var present = models.Where(m => rows.Any(x => x.Model == m)).ToArray();
        sb.AppendLine("MAE / RMSE (µg/m³) per city, pooled over its hidden stations:").AppendLine();
        sb.AppendLine("| City | stations | " + string.Join(" | ", present) + " | n |");
        sb.AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", present.Length)) + "---|");
        foreach (var city in cities)
        {
            var inCity = rows.Where(x => cityOf.GetValueOrDefault(x.Station) == city && x.N > 0).ToArray();
            var cells = present.Select(m =>
            {
                var rs = inCity.Where(x => x.Model == m && !double.IsNaN(x.Mae)).ToArray();
                long n = rs.Sum(x => x.N);
                return n == 0 ? "—" : $"{Num(rs.Sum(x => x.Mae * x.N) / n, 2)} / {Num(Math.Sqrt(rs.Sum(x => x.Rmse * x.Rmse * x.N) / n), 2)}";
            });
            var stations = inCity.Select(x => x.Station).Distinct().Count();
            var total = inCity.GroupBy(x => x.Station).Sum(g => g.Max(x => x.N));
            sb.AppendLine($"| {city} | {stations.ToString(Fmt.Inv)} | {string.Join(" | ", cells)} | {total.ToString(Fmt.Inv)} |");
        }
        sb.AppendLine();
    }

    private static string Num(double v, int decimals) => double.IsNaN(v) ? "NaN" : Fmt.F(v, decimals);
}
