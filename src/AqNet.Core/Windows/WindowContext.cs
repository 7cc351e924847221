namespace AqNet.Core.Windows;

/// <summary>What a forecaster may know about the windows besides the arrays: the time axis, the target scaler
/// (fitted on the training part only) and where PM2.5 sits among the features.</summary>
public sealed record WindowContext
{
    /// <summary>UTC time of panel hour index 0; hour of sample n's first target = PanelStartUtc + T0[n] hours.</summary>
    public required DateTime PanelStartUtc { get; init; }
    /// <summary>1 for hourly targets; 24 when each target step is a daily mean.</summary>
    public required int StepHours { get; init; }
    /// <summary>PM2.5 target scaling: scaled = (µg/m³ − Mean) / Std.</summary>
    public required float TargetMean { get; init; }
    public required float TargetStd { get; init; }
    /// <summary>Feature index of PM2.5's own (scaled the same way) history in X, or -1 when excluded.</summary>
    public required int TargetFeature { get; init; }
    /// <summary>Feature index of PM2.5's observation mask in X, or -1.</summary>
    public required int TargetMaskFeature { get; init; }
    public int Seed { get; init; }
    /// <summary>Where a forecaster may write its logs (per-epoch metrics), or null.</summary>
    public string? WorkDir { get; init; }
    /// <summary>Offset of the station network's local time (the panel's): climatology and plots use local time.</summary>
    public required int UtcOffsetHours { get; init; }
    /// <summary>Quick mode (smoke runs): neural models may use fewer epochs or a stride; baselines ignore it.</summary>
    public bool Quick { get; init; }
    /// <summary>Panel station ids, indexed like WindowSet.Station (empty when unknown).</summary>
    public IReadOnlyList<string> StationIds { get; init; } = [];

    public float Unscale(float scaled) => scaled * TargetStd + TargetMean;
    public float Scale(float ugm3) => (ugm3 - TargetMean) / TargetStd;

    /// <summary>UTC time of panel hour index t.</summary>
    public DateTime TimeAt(int t) => PanelStartUtc.AddHours(t);
}
