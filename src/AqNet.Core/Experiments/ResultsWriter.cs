using System.Text.Json;
using System.Text.Json.Serialization;
using AqNet.Core.Data;
using AqNet.Core.Preprocessing;
using AqNet.Core.Splitting;

namespace AqNet.Core.Experiments;

/// <summary>results.json: {"run": {command, AqNet version, git revision, date}, "protocol": {everything needed to repeat
/// the run}, "rows": [...]}, snake_case keys, UTF-8 with non-ASCII unescaped.
/// NaN metrics (no observations) are written as the string "NaN".</summary>
public static class ResultsWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JsonText.Encoder,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static void WriteJson(string path, ExperimentResult r, string? commandLine = null)
    {
        var doc = new Dictionary<string, object?> { ["run"] = RunInfo.Now(commandLine), ["protocol"] = r.ProtocolInfo, ["rows"] = r.Rows };
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(doc, Json), "results file");
    }

    public static IReadOnlyDictionary<string, object?> ProtocolInfo(Panel panel, Protocol p, TimeSplit split,
        TemporalExperimentOptions o, IReadOnlyList<string> features, Dictionary<string, object?> windowCounts, StandardScaler scaler)
    {
        static object Range(HourRange r, Panel panel) => new Dictionary<string, object>
        {
            ["start"] = r.Start, ["end"] = r.End,
            ["start_utc"] = Fmt.Utc(panel.TimeAt(r.Start)), ["end_utc_exclusive"] = Fmt.Utc(panel.TimeAt(r.End)),
        };
        return new Dictionary<string, object?>
        {
            ["name"] = p.Name,
            ["description"] = p.Description,
            ["w_hours"] = p.W,
            ["daily_targets"] = p.Daily,
            ["step_hours"] = p.StepHours,
            ["horizons"] = p.Horizons.Select(p.Label).ToArray(),
            ["stations"] = panel.Stations.Select(s => s.Id).ToArray(),
            ["panel_start_utc"] = Fmt.Utc(panel.StartUtc),
            ["panel_hours"] = panel.Hours,
            ["split"] = new Dictionary<string, object>
            {
                ["train"] = Range(split.Train, panel), ["validation"] = Range(split.Validation, panel), ["test"] = Range(split.Test, panel),
                ["gap_hours"] = split.Gap,
                ["fractions"] = new[] { o.TrainFraction, o.ValidationFraction, o.TestFraction },
            },
            ["features"] = features,
            ["include_pm25_history"] = o.IncludeTargetHistory,
            ["include_meteorology"] = o.IncludeMeteorology,
            ["cyclic_encoding_utc_offset_hours"] = panel.UtcOffsetHours,
            ["stride_hours"] = o.Stride > 0 ? o.Stride : p.StepHours,
            ["thresholds"] = new Dictionary<string, object>
            {
                ["min_observed_input_fraction"] = o.MinObservedInputFraction,
                ["min_observed_hours_per_day"] = o.MinHoursPerDay,
            },
            ["seeds"] = o.Seeds,
            ["quick"] = o.Quick,
            ["windows"] = windowCounts,
            ["target_scaler"] = new Dictionary<string, double>
            {
                ["mean"] = scaler.Mean[scaler.IndexOf(Variables.Pm25)], ["std"] = scaler.Std[scaler.IndexOf(Variables.Pm25)],
            },
            ["metrics"] = "MAE, RMSE in µg/m³ and R² = 1 − SSE/SST over observed test targets only; pooled = steps 1..H, at = step H",
        };
    }
}
