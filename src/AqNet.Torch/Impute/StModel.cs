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
/// a second round of attention over time and across nodes; then a quantile head on the target's tokens.
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
        // AQ-Net's linear skip, here from the target's own features (its linear fill in time, the neighbours' inverse-
        // distance estimate and their flags) to the output: the classical estimates are one layer away, the deep part
        // learns the correction.
        skip = Linear(StOptions.NodeFeatures, StOptions.Quantiles.Length);
        dropout = Dropout(options.Dropout);
        RegisterComponents();
    }

    public StOptions Options { get; }

    /// <summary>x: [B, N, W, F] node features (node 0 is the target); t: [B, W, C] cyclic time; present: [B, N] bool.
    /// Returns [B, W, 3]: the 5%, 50% and 95% quantiles (scaled), ordered by construction.</summary>
    public override Tensor forward(Tensor x, Tensor t, Tensor present)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], n = x.shape[1], w = x.shape[2], d = Options.Hidden;
        var z = input.forward(x).add(time.forward(t).unsqueeze(1), Scalars.One);   // [B, N, W, D]
        z = dropout.forward(z).reshape(b * n, w, d);                                 // [B·N, W, D]
        var (seq, hN, cN) = lstm.forward(lstmNorm.forward(z));
        z = z.add(seq, Scalars.One);
        z = temporal1.forward(z);                                                    // [B·N, W, D]
        z = Across(z, nodes1, present, b, n, w, d);
        z = temporal2.forward(z);
        z = Across(z, nodes2, present, b, n, w, d);
        z = z.add(feedForward.forward(z), Scalars.One);
        var target = z.view(b, n, w, d).select(1, 0);                                // [B, W, D]
        var o = head.forward(target).add(skip.forward(x.select(1, 0)), Scalars.One); // [B, W, 3]
        var mid = o.select(2, 1);
        var lo = mid.sub(nn.functional.softplus(o.select(2, 0)));
        var hi = mid.add(nn.functional.softplus(o.select(2, 2)), Scalars.One);
        return stack([lo, mid, hi], 2).MoveToOuterDisposeScope();
    }

    // z: [B·N, W, D] → attention across N at each hour → [B·N, W, D]
    private static Tensor Across(Tensor z, NodeAttention attention, Tensor present, long b, long n, long w, long d)
    {
        var perHour = z.view(b, n, w, d).permute(0, 2, 1, 3).reshape(b * w, n, d);           // [B·W, N, D]
        var mask = present.unsqueeze(1).expand(b, w, n).reshape(b * w, n);                   // [B·W, N]
        var mixed = attention.forward(perHour, mask);
        return mixed.view(b, w, n, d).permute(0, 2, 1, 3).reshape(b * n, w, d);
    }
}
