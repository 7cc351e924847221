using AqNet.Core.Fill;
using AqNet.Torch.Impute;

namespace AqNet.Torch.Jobs.Fill;

/// <summary>`aqnet fill`: with a model folder from `aqnet fit`, the gaps are filled by aqnet-st; without, by
/// <see cref="LinearThenKrigingFiller"/>.</summary>
public static class ModelFill
{
    public static string Run(FillOptions o, string? modelDir, IProgress<string>? progress, CancellationToken ct)
    {
        if (modelDir is null) return FillJob.Run(o, new LinearThenKrigingFiller(), progress, ct);
        var (model, info) = StCheckpoint.Load(StCheckpoint.PathIn(modelDir));
        using (model)
        {
            progress?.Report($"model {modelDir}: aqnet-st trained on {info.Stations.Count} stations, {info.FirstHourUtc} .. {info.LastHourUtc}; " +
                             $"validation MAE {Core.Data.Fmt.F(info.ValidationMae ?? double.NaN, 2)} µg/m³");
            return FillJob.Run(o, new StFiller(model, info), progress, ct);
        }
    }
}
