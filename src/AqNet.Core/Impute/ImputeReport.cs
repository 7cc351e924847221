using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Experiments;

namespace AqNet.Core.Impute;

/// <summary>DIR/results.json and DIR/report.md of `aqnet experiment impute`.</summary>
public static class ImputeReport
{
    /// <summary>Published AQI-36 MAEs (µg/m³) under the same protocol, as listed in the data's README.</summary>
    public static readonly IReadOnlyList<(string Model, string Mae, string Source)> PublishedAqi36 =
    [
        ("station mean", "53.48", "SPIN, Marisca et al., NeurIPS 2022, Table 1"),
        ("KNN", "30.21", "ibid."), ("MICE", "30.37", "ibid."), ("BRITS", "14.50", "ibid."),
        ("GRIN", "12.08 ± 0.47", "ibid."), ("SPIN", "11.77", "ibid."), ("SPIN-H", "10.89 ± 0.27", "ibid."),
        ("CSDI", "9.51", "Liu et al., ICDE 2023 (CSDI's split: 36 h test windows)"), ("PriSTI", "9.03", "ibid."),
    ];

    public static readonly IReadOnlyList<(string Station, string Mae)> PublishedVirtual = [("001014", "11.74"), ("001031", "20.00")];

    public static void Write(string dir, ImputeResult r, IReadOnlyList<int> seeds, string command, string storePath)
    {
        Directory.CreateDirectory(dir);
        var t = r.Task;
        var protocol = new Dictionary<string, object?>
        {
            ["name"] = ImputeProtocolOptions.Name(t.Protocol.Kind),
            ["description"] = Describe(t),
            ["store"] = storePath,
            ["variable"] = t.Variable,
            ["development"] = t.Protocol.Development,
            ["pattern_seed"] = t.Protocol.Seed,
            ["seeds"] = seeds,
            ["hours"] = new Dictionary<string, int>
            {
                ["train"] = t.HoursWith(HourRole.Train), ["validation"] = t.HoursWith(HourRole.Validation),
                ["test"] = t.HoursWith(HourRole.Test), ["unused"] = t.HoursWith(HourRole.Unused),
            },
            ["first_hour_utc"] = Fmt.Utc(t.Panel.StartUtc),
            ["utc_offset_hours"] = t.UtcOffsetHours,
            ["folds"] = t.Folds.Select(f => new Dictionary<string, object?>
            {
                ["name"] = f.Name,
                ["hidden"] = Enumerable.Range(0, t.S).Where(s => f.Hidden[s]).Select(s => t.Stations[s].Id).ToArray(),
                ["test_points"] = f.Test.Eval.LongCount(b => b),
                ["validation_points"] = f.Validation.Sum(v => v.Eval.LongCount(b => b)),
            }).ToArray(),
            ["peak_working_set_gb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e9, 2),
        };
        var doc = new Dictionary<string, object?> { ["run"] = RunInfo.Now(command), ["protocol"] = protocol, ["rows"] = r.Rows, ["gaps"] = r.Gaps, ["runs"] = r.Runs };
        AtomicFile.WriteAllBytes(Path.Combine(dir, "results.json"), Utf8.GetBytes(JsonSerializer.Serialize(doc, ResultsWriter.Json)), "results file");
        AtomicFile.WriteAllBytes(Path.Combine(dir, "report.md"), Utf8.GetBytes(Markdown(r, command)), "report");
    }

    public static string Describe(ImputeTask t)
    {
        var p = t.Protocol;
        var dev = p.Development ? " Development run: the real test part is cut off (never read) and the rest split again." : "";
        return p.Kind switch
        {
            ImputeProtocolKind.Aqi36 => "AQI-36 out-of-sample (GRIN/tsl): the evaluation points (observed in pm25_ground.txt, empty in pm25_missing.txt) "
                + "in the test months 3, 6, 9 and 12 are scored; models read pm25_missing.txt only; validation is the tenth of the other hours just before each test month; the rest trains. "
                + "The benchmark's points in the training months, which no model reads either, are validation points too: they choose the hybrid's gap length and calibrate the 90% intervals in every season." + dev,
            ImputeProtocolKind.Virtual => "Virtual sensing: the hidden stations are never read (not in training, not as inputs) and are scored at every observed test hour." + dev,
            ImputeProtocolKind.Point => $"Point: {Fmt.F(100 * p.PointRate, 0)}% of the observed values of the test part (last {Fmt.F(100 * p.TestFraction, 0)}% of hours) hidden at random and scored." + dev,
            ImputeProtocolKind.Block => $"Block: at each station runs of {p.BlockMinHours}-{p.BlockMaxHours} h (start probability {Fmt.D(p.BlockStartRate)} per hour) plus {Fmt.F(100 * p.BlockPointRate, 0)}% single hours hidden in the test part (last {Fmt.F(100 * p.TestFraction, 0)}% of hours) and scored." + dev,
            _ => $"LOSO: stations split into {p.LosoGroups} groups; each group in turn goes dark over the test part (last {Fmt.F(100 * p.TestFraction, 0)}% of hours: none of its values there is read) and is scored at every observed hour of it; the group's earlier hours stay readable, as a station that stopped reporting. A place that never had a station is the virtual protocol." + dev,
        };
    }

    private static string Markdown(ImputeResult r, string command)
    {
        var t = r.Task;
        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"# Imputation: protocol {ImputeProtocolOptions.Name(t.Protocol.Kind)}");
        sb.AppendLine().AppendLine(Describe(t)).AppendLine();
        sb.AppendLine(Fmt.Inv, $"Command: `{command}`").AppendLine();
        sb.AppendLine("MAE and RMSE in µg/m³ over the test points, mean ± std over seeds (baselines are deterministic: one run). "
            + "coverage90 is the share of test points inside the 90% interval calibrated on validation points; width90 its mean width.").AppendLine();
        sb.AppendLine("| model | MAE | RMSE | R² | coverage90 | width90 | points | seeds | time (s) |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var row in r.Rows.Where(x => x.IsPooled))
        {
            var secs = r.Runs.First(x => x.Model == row.Model).Seconds;
            sb.AppendLine(Fmt.Inv, $"| {row.Model} | {Fmt.F(row.Mae, 2)}{(row.Seeds > 1 ? " ± " + Fmt.F(row.MaeStd, 2) : "")} | {Fmt.F(row.Rmse, 2)} | {Fmt.F(row.R2, 3)} | {Fmt.F(row.Coverage90, 3)} | {Fmt.F(row.Width90, 1)} | {row.N:N0} | {row.Seeds} | {Fmt.F(secs, 0)} |");
        }
        GapTable(sb, r);
        if (t.Protocol.Kind == ImputeProtocolKind.Aqi36 && !t.Protocol.Development)
        {
            sb.AppendLine().AppendLine("Published under the same protocol (MAE, µg/m³):").AppendLine();
            foreach (var (m, mae, src) in PublishedAqi36) sb.AppendLine(Fmt.Inv, $"- {m}: {mae} ({src})");
        }
        if (t.Protocol.Kind == ImputeProtocolKind.Virtual && t.Protocol.Hidden is null && !t.Protocol.Development)
        {
            sb.AppendLine().AppendLine("Per hidden station (MAE, µg/m³; GRIN's published figures beside):").AppendLine();
            foreach (var (st, mae) in PublishedVirtual)
                foreach (var row in r.Rows.Where(x => x.Station == st))
                    sb.AppendLine(Fmt.Inv, $"- {st} {row.Model}: {Fmt.F(row.Mae, 2)} (GRIN {mae})");
        }
        return sb.ToString();
    }

    // MAE by the length of the gap a test point sits in: one row per model, one column per class present.
    private static void GapTable(StringBuilder sb, ImputeResult r)
    {
        var classes = r.Gaps.Select(g => g.Gap).Distinct().Order().ToArray();
        if (classes.Length == 0) return;
        sb.AppendLine().AppendLine("MAE (µg/m³) by the length of the gap the test point sits in (hours in a row without input at its station):").AppendLine();
        sb.AppendLine("| model | " + string.Join(" | ", classes.Select(c => $"{GapClasses.Label(c)} ({r.Gaps.First(g => g.Gap == c).N:N0})")) + " |");
        sb.AppendLine("|---|" + string.Concat(classes.Select(_ => "---|")));
        foreach (var model in r.Gaps.Select(g => g.Model).Distinct())
            sb.AppendLine($"| {model} | " + string.Join(" | ", classes.Select(c =>
                r.Gaps.FirstOrDefault(g => g.Model == model && g.Gap == c) is { } g ? Fmt.F(g.Mae, 2) : "–")) + " |");
    }

    private static readonly UTF8Encoding Utf8 = new(false);
}
