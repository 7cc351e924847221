using AqNet.Torch.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Spatial;

/// <summary>Learned encoding of a neighbour's geometry (scaled distance, log-distance, bearing sin/cos; see
/// <see cref="NeighbourGeometry"/>): a two-layer MLP, so the weighting can depend on direction and distance jointly.</summary>
public sealed class DistanceEncoding : Module<Tensor, Tensor>
{
    private readonly Linear first;
    private readonly Linear second;

    public DistanceEncoding(string name, int geoFeatures, int width) : base(name)
    {
        Guard.AtLeast(geoFeatures, 1, nameof(geoFeatures));
        Guard.AtLeast(width, 1, nameof(width));
        first = Linear(geoFeatures, width);
        second = Linear(width, width);
        OutputSize = width;
        RegisterComponents();
    }

    public int OutputSize { get; }

    // geo: [..., G] → [..., E]
    public override Tensor forward(Tensor geo)
    {
        using var h = first.forward(geo);
        using var a = functional.gelu(h);
        return second.forward(a);
    }
}
