namespace AqNet.Core.Impute;

/// <summary>Error and interval sums over points, in the variable's unit.</summary>
public sealed class ImputeSums
{
    public long N { get; private set; }
    public double AbsSum { get; private set; }
    public double SqSum { get; private set; }
    public double YSum { get; private set; }
    public double YSqSum { get; private set; }
    public long Covered { get; private set; }
    public double WidthSum { get; private set; }

    public void Add(double y, double estimate, double lower, double upper)
    {
        var e = estimate - y;
        N++;
        AbsSum += Math.Abs(e);
        SqSum += e * e;
        YSum += y;
        YSqSum += y * y;
        if (y >= lower && y <= upper) Covered++;
        WidthSum += upper - lower;
    }

    public double Mae => N > 0 ? AbsSum / N : double.NaN;
    public double Mse => N > 0 ? SqSum / N : double.NaN;
    public double R2 => N > 1 && YSqSum - YSum * YSum / N > 0 ? 1 - SqSum / (YSqSum - YSum * YSum / N) : double.NaN;
    public double Coverage => N > 0 ? (double)Covered / N : double.NaN;
    public double Width => N > 0 ? WidthSum / N : double.NaN;
}

/// <summary>One row of results.json: a model's scores on a protocol, pooled (station <see cref="AllStations"/>) or at one
/// station; metrics are means over seeds, <see cref="MaeStd"/> the standard deviation of the MAE over seeds.</summary>
public sealed record ImputeRow(string Model, string Protocol, string Station, double Mae, double Mse, double Rmse, double R2, long N,
    double Coverage90, double Width90, int Seeds, double MaeStd)
{
    /// <summary>The station name of the pooled rows ("all" in results.json).</summary>
    public const string AllStations = "all";

    /// <summary>True for the row pooled over every station.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public bool IsPooled => Station == AllStations;
}

/// <summary>Folds per-seed sums into rows (mean over seeds, MAE std over seeds).</summary>
public static class ImputeScores
{
    public static ImputeRow Row(string model, string protocol, string station, IReadOnlyList<ImputeSums> perSeed)
    {
        double Mean(Func<ImputeSums, double> f) => perSeed.Average(f);
        var maes = perSeed.Select(s => s.Mae).ToArray();
        var m = maes.Average();
        var std = maes.Length > 1 ? Math.Sqrt(maes.Sum(x => (x - m) * (x - m)) / (maes.Length - 1)) : 0;
        var mse = Mean(s => s.Mse);
        return new ImputeRow(model, protocol, station, m, mse, perSeed.Average(s => Math.Sqrt(s.Mse)), Mean(s => s.R2), perSeed[0].N,
            Mean(s => s.Coverage), Mean(s => s.Width), perSeed.Count, std);
    }
}

/// <summary>One row of results.json's "gaps": a model's scores on the test points in gaps of one length class, pooled
/// over stations and folds; metrics are means over seeds.</summary>
public sealed record ImputeGapRow(string Model, GapClass Gap, double Mae, double Rmse, long N, double Coverage90, double Width90,
    int Seeds, double MaeStd)
{
    public static ImputeGapRow Of(string model, GapClass gap, IReadOnlyList<ImputeSums> perSeed)
    {
        var r = ImputeScores.Row(model, "", "", perSeed);
        return new ImputeGapRow(model, gap, r.Mae, r.Rmse, r.N, r.Coverage90, r.Width90, r.Seeds, r.MaeStd);
    }
}
