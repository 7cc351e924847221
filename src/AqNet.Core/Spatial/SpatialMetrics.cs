using System.Text.Json.Serialization;

namespace AqNet.Core.Spatial;

/// <summary>What a spatial row scores: the estimate at the hour itself (nowcast, horizon 0 h) or that estimate against
/// the observation h hours later (ahead). Written "nowcast" / "ahead".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SpatialTask>))]
public enum SpatialTask
{
    [JsonStringEnumMemberName("nowcast")] Nowcast,
    [JsonStringEnumMemberName("ahead")] Ahead,
}

public static class SpatialTasks
{
    /// <summary>"nowcast" or "ahead", as results.json and report.md write it.</summary>
    public static string Name(SpatialTask t) => t == SpatialTask.Nowcast ? "nowcast" : "ahead";

    /// <summary>The task of a horizon: nowcast at 0 h, ahead beyond.</summary>
    public static SpatialTask Of(int horizonHours) => horizonHours == 0 ? SpatialTask.Nowcast : SpatialTask.Ahead;
}

/// <summary>One result row: a model's errors at one hidden station (or <see cref="AllStations"/>, pooled over every hidden
/// station and hour), computed only where the hidden station's value is observed. Units of the variable (µg/m³ for PM2.5).</summary>
public sealed record SpatialMetricRow(string Model, SpatialTask Task, string Horizon, string Station, double Mae, double Rmse, double R2, long N)
{
    /// <summary>The station name of the pooled rows ("all" in results.json).</summary>
    public const string AllStations = "all";

    /// <summary>True for the row pooled over every hidden station and hour.</summary>
    [JsonIgnore] public bool IsPooled => Station == AllStations;
}
