using System.Text.Json;
using AqNet.Core.Data;

namespace AqNet.Core.Preprocessing;

/// <summary>Per-feature standardisation, scaled = (x − Mean) / Std, fitted on observed values only (the mask),
/// and only ever on the training part. A feature with fewer than two observations or a standard deviation below
/// <see cref="MinStd"/> gets Std = 1 so it is centred but never blown up. Serialised as JSON for checkpoints.</summary>
public sealed class StandardScaler
{
    public const double MinStd = 1e-6;

    public StandardScaler(IReadOnlyList<string> names, double[] mean, double[] std, long[] count)
    {
        if (mean.Length != names.Count || std.Length != names.Count || count.Length != names.Count)
            throw new ArgumentException($"names ({names.Count}), mean ({mean.Length}), std ({std.Length}) and count ({count.Length}) must have the same length", nameof(names));
        for (var i = 0; i < std.Length; i++)
        {
            if (!double.IsFinite(mean[i])) throw new ArgumentOutOfRangeException(nameof(mean), mean[i], $"mean of '{names[i]}' must be finite");
            if (!double.IsFinite(std[i]) || std[i] <= 0) throw new ArgumentOutOfRangeException(nameof(std), std[i], $"std of '{names[i]}' must be finite and > 0");
        }
        Names = [.. names]; Mean = mean; Std = std; Count = count;
    }

    public IReadOnlyList<string> Names { get; }
    public double[] Mean { get; }
    public double[] Std { get; }
    /// <summary>Number of observed values each feature was fitted on.</summary>
    public long[] Count { get; }

    /// <summary>Fits on rows of a flat [rows, F] array; only cells with mask true count. Welford in double.</summary>
    public static StandardScaler Fit(IReadOnlyList<string> names, ReadOnlySpan<float> values, ReadOnlySpan<bool> mask)
    {
        var f = names.Count;
        if (f == 0) throw new ArgumentException("at least one feature name is needed", nameof(names));
        if (values.Length != mask.Length || values.Length % f != 0)
            throw new ArgumentException($"values ({values.Length}) and mask ({mask.Length}) must have equal length, a multiple of F = {f}", nameof(values));
        var n = new long[f]; var mean = new double[f]; var m2 = new double[f];
        for (var i = 0; i < values.Length; i++)
        {
            if (!mask[i]) continue;
            var j = i % f;
            double x = values[i];
            if (!double.IsFinite(x)) throw new ArgumentException($"value {Fmt.D(x)} at index {i} is marked observed but is not finite", nameof(values));
            n[j]++;
            var d = x - mean[j];
            mean[j] += d / n[j];
            m2[j] += d * (x - mean[j]);
        }
        var std = new double[f];
        for (var j = 0; j < f; j++)
        {
            var s = n[j] >= 2 ? Math.Sqrt(m2[j] / n[j]) : 0; // population std
            std[j] = s >= MinStd ? s : 1;
        }
        return new StandardScaler(names, mean, std, n);
    }

    /// <summary>Fits the given panel variables on the observed cells of hours [from, to), all stations pooled.</summary>
    public static StandardScaler FitPanel(Panel panel, IReadOnlyList<string> variables, int from, int to)
    {
        if (from < 0 || to > panel.Hours || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"hour range [{from}, {to}) must be non-empty inside [0, {panel.Hours})");
        var full = Fit(panel.Variables, panel.Values.AsSpan(panel.Index(from, 0, 0), (to - from) * panel.S * panel.V),
            panel.Mask.AsSpan(panel.Index(from, 0, 0), (to - from) * panel.S * panel.V));
        return full.Select(variables);
    }

    /// <summary>The scaler restricted to some features, in the given order.</summary>
    public StandardScaler Select(IReadOnlyList<string> variables)
    {
        var idx = variables.Select(IndexOf).ToArray();
        return new StandardScaler(variables, [.. idx.Select(i => Mean[i])], [.. idx.Select(i => Std[i])], [.. idx.Select(i => Count[i])]);
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++) if (Names[i] == name) return i;
        throw new InputException($"scaler has no feature '{name}'; it has {string.Join(", ", Names)}");
    }

    public float Transform(int feature, float x) => (float)((x - Mean[feature]) / Std[feature]);

    public float Inverse(int feature, float scaled) => (float)(scaled * Std[feature] + Mean[feature]);

    public string ToJson() => JsonSerializer.Serialize(new State([.. Names], Mean, Std, Count), JsonOpts);

    public static StandardScaler FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<State>(json, JsonOpts)
            ?? throw new InputException("scaler JSON is empty; expected {\"names\":[...],\"mean\":[...],\"std\":[...],\"count\":[...]}");
        if (s.Names is null || s.Mean is null || s.Std is null || s.Count is null)
            throw new InputException("scaler JSON lacks one of names, mean, std, count");
        return new StandardScaler(s.Names, s.Mean, s.Std, s.Count);
    }

    private static readonly JsonSerializerOptions JsonOpts = new() { Encoder = Data.JsonText.Encoder, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record State(string[] Names, double[] Mean, double[] Std, long[] Count);
}
