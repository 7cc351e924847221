using System.Text.Json;

namespace AqNet.Torch.Analysis;

/// <summary>figures/attention_heads_&lt;horizon&gt;.json: what Fig. 4 was drawn from, for scripts and tests.
/// Profiles are indexed by lag: element k = the input hour k + 1 hours before the forecast start.</summary>
internal sealed record AttentionReport(string Model, string Horizon, int Seed, int Samples, int Window, string Pooling,
    string Profile, double[] ExplainedVarianceShare, double[][] Components, IReadOnlyList<HeadEntry> Heads)
{
    public const string ProfileDescription =
        "per head, the attention weight each input hour receives as seen by the pooled vector " +
        "(column mean of the [W, W] weights for mean pooling, last row for last-step pooling), mean over the sampled test windows";

    internal static readonly JsonSerializerOptions Json = new() { Encoder = Core.Data.JsonText.Encoder, WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void Write(string path) => Core.Data.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json), "attention report");

    public static AttentionReport Read(string path) =>
        JsonSerializer.Deserialize<AttentionReport>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty");
}

/// <param name="Layer">Always 0: AQ-Net has one attention layer.</param>
/// <param name="Representative">True for the head drawn in Fig. 4 for its cluster.</param>
internal sealed record HeadEntry(int Layer, int Head, string Cluster, bool Representative, double MeanLagHours,
    double RecentMass, double[] Pca, double[] Profile, double[] ProfileStd);

/// <summary>figures/fig5_output_vs_input_days_&lt;horizon&gt;.json: the occlusion matrix of Fig. 5 and, for
/// comparison, the head-averaged attention mass per input day (the same for every output day).</summary>
/// <param name="InputDays">Days before the forecast start, oldest first (−D … −1): the columns.</param>
/// <param name="OcclusionUgm3">[output day][input day] mean |Δ prediction| in µg/m³.</param>
internal sealed record OcclusionReport(string Model, string Horizon, int Samples, int[] InputDays,
    double[][] OcclusionUgm3, double[] AttentionMassPerInputDay, string Method)
{
    public const string MethodDescription =
        "each input day's 24 hours set to missing (every non-cyc feature 0 = training mean, masks 0), " +
        "mean |change| of each output day's prediction over the sampled test windows, in µg/m³";

    public void Write(string path) => Core.Data.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, AttentionReport.Json), "occlusion report");
}
