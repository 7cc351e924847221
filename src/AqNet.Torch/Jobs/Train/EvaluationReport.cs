using System.Text;
using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Metrics;

namespace AqNet.Torch.Jobs.Train;

/// <summary>What `aqnet evaluate` measured: a trained model scored on the test part of a store, in µg/m³, pooled over
/// the steps 1..H and at the horizon H alone.</summary>
/// <param name="Model">The architecture the checkpoint holds (aqnet, lstm, ...).</param>
/// <param name="Horizon">The horizon label, e.g. "24h" (table1) or "7d" (table2).</param>
public sealed record EvaluationReport(RunInfo Run, string Model, string Checkpoint, string Store, string Protocol, string Horizon,
    int TestWindows, IReadOnlyList<EvaluationRow> Metrics)
{
    public string Text()
    {
        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"{Model} on {Store}, {Protocol} {Horizon}, test part ({TestWindows} windows), µg/m³:");
        foreach (var m in Metrics)
            sb.AppendLine(Fmt.Inv, $"{MaskedMetrics.Name(m.Aggregation),-7} MAE {Fmt.F(m.Mae, 2)}  RMSE {Fmt.F(m.Rmse, 2)}  R² {Fmt.F(m.R2, 3)}  n {m.N}");
        return sb.ToString();
    }

    /// <summary>snake_case keys, as the other `--json` outputs and results.json; NaN metrics as "NaN".</summary>
    public string Json() => JsonSerializer.Serialize(this, JsonText.SnakeCase) + "\n";
}

/// <param name="Aggregation">Pooled (steps 1..H together) or at (step H alone); "pooled" or "at" in JSON.</param>
public sealed record EvaluationRow(Aggregation Aggregation, double Mae, double Rmse, double R2, long N)
{
    public static EvaluationRow Of(Aggregation a, MetricResult m) => new(a, m.Mae, m.Rmse, m.R2, m.N);
}
