namespace AqNet.Torch.Impute;

/// <summary>Host arrays of one batch: X [B, N, W, F], Time [B, W, C], Weight [B, N] (0 absent, the neighbour's taper
/// otherwise, 1 for the target), Y [B, N, W] (scaled targets)
/// and Loss [B, N, W] (1 where a hidden observation is to be reconstructed).</summary>
internal sealed class StBatch
{
    public StBatch(int b, int n, int w, int c)
    {
        (B, N, W, C) = (b, n, w, c);
        X = new float[b * n * w * StOptions.NodeFeatures];
        Time = new float[b * w * c];
        Weight = new float[b * n];
        Y = new float[b * n * w];
        Loss = new float[b * n * w];
    }

    public int B { get; }
    public int N { get; }
    public int W { get; }
    public int C { get; }
    public float[] X { get; }
    public float[] Time { get; }
    public float[] Weight { get; }
    public float[] Y { get; }
    public float[] Loss { get; }

    public int XIndex(int b, int n, int w) => ((b * N + n) * W + w) * StOptions.NodeFeatures;
}
