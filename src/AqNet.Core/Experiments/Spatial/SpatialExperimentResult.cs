using System.Text.Json;
using AqNet.Core.Spatial;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>What a spatial experiment produced: the protocol description (written as results.json's "protocol") and
/// the rows: per model, task and horizon, the pooled row (station "all", pooled over every hidden station and test hour) then each hidden station.</summary>
public sealed record SpatialExperimentResult(IReadOnlyDictionary<string, object?> ProtocolInfo, IReadOnlyList<SpatialMetricRow> Rows)
{
    /// <summary>The pooled nowcast row of a model, or null.</summary>
    public SpatialMetricRow? Pooled(string model) => Pooled(model, SpatialTask.Nowcast, 0);

    /// <summary>The pooled row of a model, task and horizon (hours), or null.</summary>
    public SpatialMetricRow? Pooled(string model, SpatialTask task, int horizonHours)
    {
        var h = horizonHours.ToString(Data.Fmt.Inv) + "h";
        return Rows.FirstOrDefault(r => r.Model == model && r.Task == task && r.Horizon == h && r.IsPooled);
    }
}

/// <summary>results.json: {"run": {command, version, revision, date}, "protocol": {...}, "rows": [{"model", "task", "horizon", "station", "mae", "rmse", "r2", "n"}]},
/// snake_case keys, NaN metrics (no observations) written as the string "NaN".</summary>
public static class SpatialResultsWriter
{
    public static void Write(string path, SpatialExperimentResult r, string? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var doc = new Dictionary<string, object?> { ["run"] = Data.RunInfo.Now(commandLine), ["protocol"] = r.ProtocolInfo, ["rows"] = r.Rows };
        Data.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(doc, ResultsWriter.Json), "results file");
    }
}
