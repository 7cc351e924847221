namespace AqNet.Torch.Analysis;

/// <summary>One head's attention over the input hours, indexed by lag: element k is the input hour k + 1 hours
/// before the forecast start (k = 0 is the most recent hour). Mean and Std are over the sampled windows.</summary>
/// <param name="MeanLagHours">Σ (k + 1) · Mean[k]: the expected distance back of the attended hour.</param>
/// <param name="RecentMass">Attention on the most recent quarter of the window (uniform attention gives 0.25).</param>
internal sealed record HeadProfile(int Head, double[] Mean, double[] Std, double MeanLagHours, double RecentMass)
{
    /// <summary>Profiles of every head from key weights [n, heads, W] (input step j = W − 1 − k).</summary>
    public static HeadProfile[] FromKeyWeights(float[] keys, int n, int heads, int w)
    {
        if (keys.Length != (long)n * heads * w) throw new ArgumentException($"expected {n}·{heads}·{w} key weights, got {keys.Length}", nameof(keys));
        Guard.AtLeast(n, 1, nameof(n));   // windows
        var result = new HeadProfile[heads];
        var recent = (w + 3) / 4;
        for (var h = 0; h < heads; h++)
        {
            var mean = new double[w];
            var sq = new double[w];
            for (var i = 0; i < n; i++)
                for (var k = 0; k < w; k++)
                {
                    double v = keys[((long)i * heads + h) * w + (w - 1 - k)];
                    mean[k] += v;
                    sq[k] += v * v;
                }
            var std = new double[w];
            double lag = 0, mass = 0;
            for (var k = 0; k < w; k++)
            {
                mean[k] /= n;
                std[k] = Math.Sqrt(Math.Max(0, sq[k] / n - mean[k] * mean[k]));
                lag += (k + 1) * mean[k];
                if (k < recent) mass += mean[k];
            }
            result[h] = new HeadProfile(h, mean, std, lag, mass);
        }
        return result;
    }

    /// <summary>Mean lag of uniform attention over w hours, (w + 1) / 2: the line between short and long.</summary>
    public static double UniformMeanLag(int w) => (w + 1) / 2.0;
}
