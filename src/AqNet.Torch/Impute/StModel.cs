using AqNet.Torch.Nn;
using AqNet.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Impute;

/// <summary>aqnet-st: AQ-Net's temporal encoder (LSTM + multi-head self-attention with the residual) made
/// bidirectional and run over a window on both sides of the estimated hours, for the target and each neighbour;
/// attention across the nodes at every hour (the learned weighting of neighbours, extended to all of their hours);
/// a second round of attention over time and across nodes; then a quantile head on every node's tokens (training reconstructs
/// every node; an estimate reads the target's).
/// The model only computes forward; <see cref="StTrainer"/> owns loss, optimiser and scaling.</summary>
public sealed class StModel : Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Linear input;
    private readonly Linear time;
    private readonly LSTM lstm;
    private readonly LayerNorm lstmNorm;
    private readonly TemporalSelfAttention temporal1, temporal2;
    private readonly NodeAttention nodes1, nodes2;
    private readonly Sequential feedForward;
    private readonly Sequential head;
    private readonly Linear skip;
    private readonly Dropout dropout;

    public StModel(StOptions options) : base("aqnet-st")
    {
        options.Validate();
        Options = options;
        var h = options.Hidden;
        input = Linear(StOptions.NodeFeatures, h);
        time = Linear(Core.Preprocessing.CyclicEncoding.Names.Count, h);
        lstm = LSTM(h, h / 2, 1, batchFirst: true, bidirectional: true);
        lstmNorm = LayerNorm(h);
        temporal1 = new TemporalSelfAttention("temporal1", h, options.Heads, options.Dropout);
        temporal2 = new TemporalSelfAttention("temporal2", h, options.Heads, options.Dropout);
        nodes1 = new NodeAttention("nodes1", h, options.Heads);
        nodes2 = new NodeAttention("nodes2", h, options.Heads);
        feedForward = Sequential(LayerNorm(h), Linear(h, 2 * h), GELU(), Linear(2 * h, h));
        head = Sequential(LayerNorm(h), Linear(h, h), GELU(), Linear(h, StOptions.Quantiles.Length));
        // AQ-Net's linear skip, here from each node's own features to the output, beside the base estimate (linear in
        // time across short gaps, the neighbours' inverse-distance estimate otherwise): the network starts from the
        // classical estimate (the last layers start at zero) and learns the correction.
        skip = Linear(StOptions.NodeFeatures, StOptions.Quantiles.Length);
        using (no_grad())
        {
            skip.weight!.zero_(); skip.bias!.zero_();
            var last = (Linear)head[3];
            last.weight!.zero_(); last.bias!.zero_();
        }
        dropout = Dropout(options.Dropout);
        RegisterComponents();
    }

    public StOptions Options { get; }

    /// <summary>x: [B, N, W, F] node features (node 0 is the target); t: [B, W, C] cyclic time; weight: [B, N] each node's
    /// weight in attention across nodes (0 absent, a neighbour's distance taper, 1 the target).
    /// Returns [B, N, W, 3]: every node's 5%, 50% and 95% quantiles (scaled), ordered by construction.</summary>
    public override Tensor forward(Tensor x, Tensor t, Tensor weight)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], w = x.shape[2], d = Options.Hidden;
        var z = input.forward(x).add(time.forward(t).unsqueeze(1), Scalars.One);   // [B, N, W, D]
        z = dropout.forward(z).reshape(b * n, w, d);                                 // [B·N, W, D]
        // log weight added to the attention scores: a node's share falls smoothly to 0 with its taper; absent nodes are cut.
        var bias = where(weight.gt(Scalars.Zero), weight.clamp_min(1e-6).log(), full_like(weight, double.NegativeInfinity));   // [B, N]
        var (seq, hN, cN) = lstm.forward(lstmNorm.forward(z));
        z = z.add(seq, Scalars.One);
        z = temporal1.forward(z);                                                    // [B·N, W, D]
        z = Across(z, nodes1, bias, b, n, w, d);
        z = temporal2.forward(z);
        z = Across(z, nodes2, bias, b, n, w, d);
        z = z.add(feedForward.forward(z), Scalars.One);
        var o = head.forward(z.view(b, n, w, d)).add(skip.forward(x), Scalars.One);  // [B, N, W, 3]
        var mid = o.select(3, 1).add(x.select(3, StOptions.BaseFeature), Scalars.One);
        var lo = mid.sub(nn.functional.softplus(o.select(3, 0)));
        var hi = mid.add(nn.functional.softplus(o.select(3, 2)), Scalars.One);
        return stack([lo, mid, hi], 3).MoveToOuterDisposeScope();
    }

    // z: [B·N, W, D] → attention across N at each hour → [B·N, W, D]
    private static Tensor Across(Tensor z, NodeAttention attention, Tensor bias, long b, long n, long w, long d)
    {
        var perHour = z.view(b, n, w, d).permute(0, 2, 1, 3).reshape(b * w, n, d);           // [B·W, N, D]
        var mask = bias.unsqueeze(1).expand(b, w, n).reshape(b * w, n);                      // [B·W, N]
        var mixed = attention.forward(perHour, mask);
        return mixed.view(b, w, n, d).permute(0, 2, 1, 3).reshape(b * n, w, d);
    }
}
