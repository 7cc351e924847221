using AqNet.Torch.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AqNet.Torch.Nn;

/// <summary>Base of the neural forecasters: forward(x [B, W, F]) = Head(Encode(x)) → [B, H] scaled PM2.5.
/// Encode and Head are public and separate so other models (the neural kNN) can reuse the pooled vector.</summary>
public abstract class ForecastModel : Module<Tensor, Tensor>
{
    protected ForecastModel(string name, AqNetOptions options) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        if (options.LinearSkip)
        {
            // Registered here by name: derived classes' RegisterComponents does not see a base class's private field.
            skip = new LinearSkip("skip", options);
            register_module("skip", skip);
        }
    }

    private readonly LinearSkip? skip;

    public AqNetOptions Options { get; }

    /// <summary>Size D of the vector <see cref="Encode"/> returns.</summary>
    public abstract int EncodedSize { get; }

    /// <summary>x: [B, W, F] → z: [B, D].</summary>
    public abstract Tensor Encode(Tensor x);

    /// <summary>z: [B, D] → ŷ: [B, H].</summary>
    public abstract Tensor Head(Tensor z);

    // x: [B, W, F] → [B, H]
    public override Tensor forward(Tensor x)
    {
        using var z = Encode(x);
        return Finish(Head(z), x);
    }

    /// <summary>The head's output plus the skip paths that are configured: the mean of PM2.5's last ResidualSpan
    /// scaled values (broadcast over the horizon) and the <see cref="LinearSkip"/>. Takes ownership of y.</summary>
    // y: [B, H], x: [B, W, F] → [B, H]
    public Tensor Finish(Tensor y, Tensor x)
    {
        if (skip is not null)
        {
            using var linear = skip.forward(x);
            y.add_(linear, Scalars.One);
        }
        if (Options.ResidualFeature < 0) return y;
        using var scope = NewDisposeScope();
        var w = x.shape[1];
        var baseLevel = x.narrow(1, w - Options.ResidualSpan, Options.ResidualSpan).select(2, Options.ResidualFeature).mean([1], keepdim: true); // [B, 1]
        return y.add(baseLevel, Scalars.One).MoveToOuterDisposeScope();
    }
}
