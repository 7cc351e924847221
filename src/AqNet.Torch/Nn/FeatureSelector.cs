using static TorchSharp.torch;

namespace AqNet.Torch.Nn;

/// <summary>Picks the channels a model reads from x [B, W, F] (e.g. everything but "cyc:" for aqnet-no-ce).
/// Not a module: the index is a constant of the options, so it is neither trained nor saved with the weights.</summary>
public sealed class FeatureSelector : IDisposable
{
    private readonly Tensor? index;

    public FeatureSelector(AqNetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.FeatureIndices is { } idx) index = tensor(idx.Select(i => (long)i).ToArray(), ScalarType.Int64);
    }

    // x: [B, W, F] → [B, W, C]; the input itself when every feature is used
    public Tensor Select(Tensor x) => index is null ? x : x.index_select(2, index);

    public void Dispose() => index?.Dispose();
}
