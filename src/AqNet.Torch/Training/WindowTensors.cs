using AqNet.Core.Windows;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>A WindowSet's arrays as tensors, made once; batches are cut with index_select so the hot loop
/// allocates nothing per sample. X, by far the largest, is not copied: the tensor shares the (pinned) array, so the
/// WindowSet must not change while this lives.</summary>
public sealed class WindowTensors : IDisposable
{
    public WindowTensors(WindowSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        N = set.N;
        using (var flat = frombuffer(set.X, ScalarType.Float32)) X = flat.view(set.N, set.W, set.F);   // [N, W, F]
        Y = tensor(set.Y, [set.N, set.H]);           // [N, H]
        Mask = tensor(set.YMask, [set.N, set.H]);    // [N, H]
    }

    private WindowTensors(Tensor x, Tensor y, Tensor mask)
    {
        N = (int)x.shape[0];
        X = x; Y = y; Mask = mask;
    }

    /// <summary>At most <paramref name="max"/> evenly spaced rows (all rows when N ≤ max), as new tensors.</summary>
    public WindowTensors Subset(int max)
    {
        var n = Math.Min(N, max);
        using var idx = tensor(Enumerable.Range(0, n).Select(i => (long)i * N / n).ToArray());
        return new WindowTensors(X.index_select(0, idx), Y.index_select(0, idx), Mask.index_select(0, idx));
    }

    public int N { get; }
    public Tensor X { get; }
    public Tensor Y { get; }
    public Tensor Mask { get; }

    /// <summary>Rows idx ([B] int64) of X, Y and Mask.</summary>
    public (Tensor X, Tensor Y, Tensor Mask) Batch(Tensor idx) =>
        (X.index_select(0, idx), Y.index_select(0, idx), Mask.index_select(0, idx));

    /// <summary>Contiguous rows [start, start+count): views, no copy.</summary>
    public (Tensor X, Tensor Y, Tensor Mask) Slice(long start, long count) =>
        (X.narrow(0, start, count), Y.narrow(0, start, count), Mask.narrow(0, start, count));

    public void Dispose()
    {
        X.Dispose();
        Y.Dispose();
        Mask.Dispose();
    }
}
