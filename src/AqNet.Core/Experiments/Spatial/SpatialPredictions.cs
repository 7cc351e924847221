using System.Text;
using AqNet.Core.Data;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>One nowcast at a hidden station and test hour: the estimate (mean over k) and its spread over k, in µg/m³,
/// beside the observation (NaN where there is none), so the series at places without a station can be plotted or
/// combined with other estimates.</summary>
public readonly record struct SpatialPrediction(string Station, DateTime TimeUtc, int Seed, float Observed, float Estimate, float Spread);

/// <summary>DIR/predictions.csv: station,time_utc,seed,observed,estimate,spread (empty cell = missing), written atomically.</summary>
public static class SpatialPredictionsWriter
{
    public static void Write(string path, string model, IEnumerable<SpatialPrediction> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append("model,station,time_utc,seed,observed,estimate,spread\n");
        foreach (var r in rows)
            sb.Append(model).Append(',').Append(r.Station).Append(',').Append(Fmt.Utc(r.TimeUtc)).Append(',')
              .Append(r.Seed.ToString(Fmt.Inv)).Append(',').Append(Cell(r.Observed)).Append(',')
              .Append(Cell(r.Estimate)).Append(',').Append(Cell(r.Spread)).Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString(), "predictions");
    }

    private static string Cell(float v) => float.IsFinite(v) ? v.ToString("0.###", Fmt.Inv) : "";
}
