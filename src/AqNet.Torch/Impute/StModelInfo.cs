using AqNet.Core.Impute;

namespace AqNet.Torch.Impute;

/// <summary>What a production aqnet-st model file stores beside its weights: the shape and schedule it was trained with,
/// the scaler (µg/m³, fitted on training cells), the interval calibration and how it was checked, and where it came
/// from. Written as the header of model.aqst and as model.json for people.</summary>
public sealed record StModelInfo
{
    public const string Format = "aqnet-st/4";
    public string FormatVersion { get; init; } = Format;
    public required StOptions Options { get; init; }
    public required StTrainOptions Train { get; init; }
    /// <summary>Trained with `--quick`'s short schedule: a first look, not a model to publish from.</summary>
    public bool Quick { get; init; }
    public required float Mean { get; init; }
    public required float Std { get; init; }
    /// <summary>Calibration of the 90% interval fitted on all validation points.</summary>
    public required IntervalCalibration Calibration { get; init; }
    /// <summary>Coverage of the 90% interval on half of the validation points, with the calibration fitted on the other half.</summary>
    public double? MeasuredCoverage { get; init; }
    public double? MeasuredWidth { get; init; }
    /// <summary>MAE (µg/m³) on the validation points, of the model and of the hybrid baseline on the same points.</summary>
    public double? ValidationMae { get; init; }
    public double? HybridValidationMae { get; init; }
    public long ValidationPoints { get; init; }
    public required IReadOnlyList<string> Stations { get; init; }
    public int UtcOffsetHours { get; init; }
    public string? FirstHourUtc { get; init; }
    public string? LastHourUtc { get; init; }
    /// <summary>The training epochs: pinball loss (scaled) as TrainLoss, the validation MAE (µg/m³) as ValidationLoss and ValidationMaeUgm3.</summary>
    public IReadOnlyList<Training.EpochRecord> History { get; init; } = [];
    public string? Store { get; init; }
    public string? Command { get; init; }
    public string? CreatedUtc { get; init; }
    public string? Version { get; init; }
}
