using AqNet.Core.Windows;
using AqNet.Torch.Nn;

// Torch's RNG, thread count and dispose scopes are process-wide: run the Torch test classes one at a time so a
// seeded test cannot be disturbed by another class drawing random numbers in between.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace AqNet.Torch.Tests;

/// <summary>Tiny synthetic windows: features pol:pm25, mask:pm25, met:temp and four cyc: encodings. The targets are
/// a learnable function of the inputs (mean of the last PM2.5 values plus a temperature term), so a model's loss
/// must fall.</summary>
internal static class Fixtures
{
    public static readonly string[] Names = ["pol:pm25", "mask:pm25", "met:temp", "cyc:hour_sin", "cyc:hour_cos", "cyc:dow_sin", "cyc:dow_cos"];

    /// <summary>One intra-op thread (call after TorchRuntime.EnsureLoaded): the tests' tensors are tiny, and on a
    /// shared 2-core machine a second spinning OpenMP thread costs more than it gives.</summary>
    public static void OneThread() => TorchSharp.torch.set_num_threads(1);

    public static WindowSet Windows(int n, int w, int h, int seed = 1)
    {
        var f = Names.Length;
        var set = new WindowSet(n, w, f, h, Names);
        var rng = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            set.Station[i] = i % 3;
            set.T0[i] = w + i;
            double last = 0;
            for (var t = 0; t < w; t++)
            {
                var hour = (set.T0[i] - w + t) % 24;
                var row = (i * w + t) * f;
                var pm = (float)(Math.Sin(2 * Math.PI * hour / 24) + 0.3 * rng.NextDouble());
                set.X[row] = pm;
                set.X[row + 1] = 1;
                set.X[row + 2] = (float)(rng.NextDouble() * 2 - 1);
                set.X[row + 3] = (float)Math.Sin(2 * Math.PI * hour / 24);
                set.X[row + 4] = (float)Math.Cos(2 * Math.PI * hour / 24);
                set.X[row + 5] = (float)Math.Sin(2 * Math.PI * (i % 7) / 7);
                set.X[row + 6] = (float)Math.Cos(2 * Math.PI * (i % 7) / 7);
                if (t >= w - 3) last += pm / 3 + 0.2 * set.X[row + 2];
            }
            for (var k = 0; k < h; k++)
            {
                set.Y[i * h + k] = (float)(last * (1 - 0.05 * k));
                set.YMask[i * h + k] = (i + k) % 5 == 0 ? 0 : 1;   // some targets missing
            }
        }
        return set;
    }

    public static WindowContext Context(string? workDir = null, int seed = 7) => new()
    {
        PanelStartUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        StepHours = 1, UtcOffsetHours = 8,
        TargetMean = 20,
        TargetStd = 10,
        TargetFeature = 0,
        TargetMaskFeature = 1,
        Seed = seed,
        WorkDir = workDir,
    };

    public static AqNetOptions Options(int w, int h, int hidden = 8) => new()
    {
        InputFeatures = Names.Length, Horizon = h, Window = w, Hidden = hidden, Layers = 1, Heads = 2, Dropout = 0.1,
    };

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "aqnet-torch-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
