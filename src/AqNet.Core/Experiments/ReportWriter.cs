using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Metrics;

namespace AqNet.Core.Experiments;

/// <summary>report.md: the protocol in words, one table per aggregation laid out like the paper (models × horizons,
/// mean ± std over seeds) and the paper's AQ-Net numbers beside ours with why they are not directly comparable.</summary>
public static class ReportWriter
{
    public static void Write(string path, ExperimentResult r, TemporalExperimentOptions o) =>
        AtomicFile.WriteAllText(path, Render(r, o), "report");

    public static string Render(ExperimentResult r, TemporalExperimentOptions o)
    {
        var p = r.Protocol;
        var s = r.Split;
        var info = r.ProtocolInfo;
        var sb = new StringBuilder();
        sb.AppendLine($"# Temporal evaluation, {p.Name} (Kheder et al. 2025, Table {(p.Daily ? 2 : 1)})").AppendLine();
        sb.AppendLine("## Protocol").AppendLine();
        sb.AppendLine($"- {p.Description}; {((string[])info["stations"]!).Length} stations pooled, hours from {info["panel_start_utc"]} ({info["panel_hours"]} hours).");
        sb.AppendLine($"- Split by time: training hours {s.Train}, validation {s.Validation}, test {s.Test} " +
            $"({Fmt.D(o.TrainFraction)} / {Fmt.D(o.ValidationFraction)} / {Fmt.D(o.TestFraction)}), with gaps of {s.Gap} h (W + longest horizon) so no window touches two parts.");
        sb.AppendLine("- Scalers fitted on observed training values only. Missing inputs are 0 after scaling with a mask feature; missing targets are masked in the loss and the metrics, never dropped or filled.");
        sb.AppendLine($"- A window is skipped when less than {Fmt.D(o.MinObservedInputFraction * 100)}% of its input hours have PM2.5 or of its pollutant cells are observed, or when it has no observed target." +
            (p.Daily ? $" A daily mean needs {o.MinHoursPerDay} observed hours of 24." : ""));
        sb.AppendLine($"- Inputs: {string.Join(", ", (IReadOnlyList<string>)info["features"]!)}. PM2.5 history {(o.IncludeTargetHistory ? "included" : "excluded (paper parity)")}; cyclic time in local time (UTC{((int)info["cyclic_encoding_utc_offset_hours"]!).ToString("+0;-0", Fmt.Inv)}).");
        sb.AppendLine($"- Seeds: {string.Join(", ", o.Seeds)}{(o.Quick ? " (quick mode)" : "")}. Baselines are deterministic and run once.");
        sb.AppendLine("- Metrics in µg/m³ on real observations only: MAE, RMSE, R² = 1 − SSE/SST (SST about the mean of the evaluated observations). " +
            "\"pooled\" = over steps 1..H; \"at\" = step H alone.").AppendLine();
        foreach (var agg in new[] { Aggregation.Pooled, Aggregation.At })
        {
            sb.AppendLine($"## Test results, {(agg == Aggregation.Pooled ? "pooled over steps 1..H" : "at step H")}").AppendLine();
            Table(sb, r, agg);
        }
        sb.AppendLine("## Paper's numbers (AQ-Net, as published)").AppendLine();
        sb.Append("| Model |");
        foreach (var h in p.Horizons) sb.Append($" {p.Label(h)} MAE | {p.Label(h)} R² |");
        sb.AppendLine().Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---|---|", p.Horizons.Count)));
        sb.Append("| AQ-Net (paper) |");
        for (var i = 0; i < p.Horizons.Count; i++)
            sb.Append($" {Fmt.F(p.PaperMae[i], 2)} | {(p.PaperR2[i] is { } r2 ? Fmt.F(r2, 2) : "—")} |");
        sb.AppendLine().AppendLine();
        sb.AppendLine("These are not directly comparable with ours: the paper's code fits the target scaler on all data (test included), " +
            "drops rows with any gap instead of masking them (an easier, different test set), never feeds PM2.5's own history, " +
            "and pools its metrics differently. Our numbers use a time split with gaps, training-only scalers and every real test observation.").AppendLine();
        sb.AppendLine("Figures: `figures/fig3_*.png` (predicted vs observed PM2.5 in the 09–12 h and 16–19 h local slots over one test week, forecasts issued at the slot's start).");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, ExperimentResult r, Aggregation agg)
    {
        var p = r.Protocol;
        sb.Append("| Model |");
        foreach (var h in p.Horizons) sb.Append($" {p.Label(h)} MAE | {p.Label(h)} RMSE | {p.Label(h)} R² |");
        sb.AppendLine(" n (per horizon) |").Append("|---|").Append(string.Concat(Enumerable.Repeat("---|---|---|", p.Horizons.Count))).AppendLine("---|");
        foreach (var model in r.Rows.Select(x => x.Model).Distinct())
        {
            sb.Append($"| {model} |");
            var ns = new List<string>();
            foreach (var h in p.Horizons)
            {
                var row = r.Rows.FirstOrDefault(x => x.Model == model && x.Horizon == p.Label(h) && x.Aggregation == agg);
                if (row is null) { sb.Append(" — | — | — |"); continue; }
                ns.Add(row.N.ToString(Fmt.Inv));
                sb.Append($" {Cell(row.Mae, row.MaeStd, row.Seeds, 2)} | {Cell(row.Rmse, row.RmseStd, row.Seeds, 2)} | {Cell(row.R2, row.R2Std, row.Seeds, 3)} |");
            }
            sb.AppendLine($" {string.Join(" / ", ns)} |");
        }
        sb.AppendLine();
    }

    private static string Cell(double mean, double std, int seeds, int decimals) =>
        double.IsNaN(mean) ? "NaN" : seeds > 1 ? $"{Fmt.F(mean, decimals)} ± {Fmt.F(std, decimals)}" : Fmt.F(mean, decimals);
}
