namespace AqNet.Core.Impute;

/// <summary>The models an imputation experiment knows (results name them in lower case, e.g. "aqnet-st").</summary>
public enum ImputeModelKind { Mean, Linear, Idw, Kriging, Hybrid, Regression, AqnetKnn, AqnetSt }

/// <summary>Estimates [T, S] in the variable's unit: the median, and the bounds of the 90% interval when the model gives
/// them (NaN otherwise; a calibration from validation residuals then supplies them). NaN where not asked.</summary>
public sealed record ImputeEstimates(float[] Median, float[] Lower, float[] Upper)
{
    public static ImputeEstimates Empty(int n)
    {
        float[] Nan() { var a = new float[n]; Array.Fill(a, float.NaN); return a; }
        return new ImputeEstimates(Nan(), Nan(), Nan());
    }
}

/// <summary>A gap-filling model: fitted once per fold on the fold's training input, then asked for the points of a view.</summary>
public interface IImputer
{
    ImputeModelKind Kind { get; }

    /// <summary>Fits on the training hours of <paramref name="fold"/>'s <see cref="ImputeFold.TrainingInput"/>; may use
    /// the fold's validation points to choose settings.</summary>
    void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct);

    /// <summary>Estimates at every <paramref name="where"/> [T, S] cell, reading only <paramref name="view"/>'s input.</summary>
    ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct);
}

public static class ImputeModels
{
    public static string Name(ImputeModelKind k) => k switch
    {
        ImputeModelKind.AqnetKnn => "aqnet-knn",
        ImputeModelKind.AqnetSt => "aqnet-st",
        _ => k.ToString().ToLowerInvariant(),
    };

    public static ImputeModelKind Parse(string name) =>
        Enum.GetValues<ImputeModelKind>().FirstOrDefault(k => Name(k) == (name ?? "").Trim().ToLowerInvariant(), (ImputeModelKind)(-1)) is var k && Enum.IsDefined(k)
            ? k : throw new Data.InputException($"unknown model '{name}'; expected one of {string.Join(", ", Enum.GetValues<ImputeModelKind>().Select(Name))}");
}
