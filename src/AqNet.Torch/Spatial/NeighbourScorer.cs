using AqNet.Torch.Runtime;
using TorchSharp;
using AqNet.Torch.Nn;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Spatial;

/// <summary>Unnormalised attention score of each neighbour: MLP([z_i, e_i, v_i]) − β·ln(d_i + offset), where z_i is
/// the neighbour's encoded window, e_i its distance encoding and v_i its latest PM2.5 (scaled). The first MLP layer
/// is split into three projections (a Linear on the concatenation, written as a sum) so the grid estimator can
/// project each station once per hour and each (point, neighbour) geometry once in all. The output layer starts at
/// zero and β at 2, so an untrained scorer weights like inverse-distance-squared.</summary>
public sealed class NeighbourScorer : Module
{
    private readonly DistanceEncoding distance;
    private readonly Linear featureProj;
    private readonly Linear geoProj;
    private readonly Linear valueProj;
    private readonly Linear output;
    private readonly Parameter beta;

    public NeighbourScorer(string name, int featureSize, int geoFeatures, int geoWidth, int hidden) : base(name)
    {
        Guard.AtLeast(featureSize, 1, nameof(featureSize));
        Guard.AtLeast(hidden, 1, nameof(hidden));
        distance = new DistanceEncoding("distance", geoFeatures, geoWidth);
        featureProj = Linear(featureSize, hidden);
        geoProj = Linear(geoWidth, hidden, hasBias: false);
        valueProj = Linear(1, hidden, hasBias: false);
        output = Linear(hidden, 1);
        using (no_grad())
        {
            init.zeros_(output.weight);
            init.zeros_(output.bias);
        }
        beta = Parameter(tensor(2f));
        RegisterComponents();
    }

    // z: [..., D], value: [...] → [..., Hs]; the station's part of the hidden layer (its features and latest
    // PM2.5), once per station and hour
    public Tensor StationTerm(Tensor z, Tensor value)
    {
        using var f = featureProj.forward(z);
        using var v = value.unsqueeze(-1);
        using var pv = valueProj.forward(v);
        return f.add(pv, Scalars.One);   // explicit alpha: see Runtime.Scalars
    }

    // geo: [..., G] → [..., Hs]; once per (query, neighbour), independent of time
    public Tensor GeoTerm(Tensor geo)
    {
        using var e = distance.forward(geo);
        return geoProj.forward(e);
    }

    // station, geoTerm: [B, K, Hs], logDistance: [B, K] → scores [B, K]
    public Tensor Scores(Tensor station, Tensor geoTerm, Tensor logDistance)
    {
        using var scope = NewDisposeScope();
        var h = functional.relu(station.add(geoTerm, Scalars.One));
        var s = output.forward(h).squeeze(-1) - beta * logDistance;
        return s.MoveToOuterDisposeScope();
    }

    /// <summary>The output layer as arrays (weights [Hs], bias) for <see cref="KnnKernel"/>.</summary>
    internal (float[] Weights, float Bias) OutputLayer() =>
        (output.weight!.data<float>().ToArray(), output.bias!.data<float>()[0]);

    // logDistance: [..., K] → the distance prior −β·ln(d + offset) of the scores
    internal Tensor Prior(Tensor logDistance) => -beta * logDistance;
}
