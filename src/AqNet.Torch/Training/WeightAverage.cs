using TorchSharp;
using AqNet.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>An exponential moving average of the parameters (Polyak averaging). With batch 32 and lr 1e-3 the
/// iterates are noisy; validation, early stopping and the saved model use the average, which is smoother than any
/// single iterate. Decay d per step, warmed up as min(d, (1 + n) / (10 + n)) so early averages are not dominated by
/// the random initial weights.</summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly Parameter[] parameters;
    private readonly Tensor[] average;
    private readonly double decay;
    private long steps;

    public WeightAverage(Parameter[] parameters, double decay)
    {
        this.parameters = parameters;
        this.decay = decay;
        using var noGrad = no_grad();
        average = [.. parameters.Select(p => p.detach().clone().DetachFromDisposeScope())];
    }

    /// <summary>Folds the current parameters into the average; call after each optimiser step.</summary>
    public void Update()
    {
        var d = Math.Min(decay, (1.0 + steps) / (10.0 + steps));
        steps++;
        using var noGrad = no_grad();
        using var keep = ((float)d).ToScalar();        // held alive for the native calls: see Runtime.Scalars
        using var take = ((float)(1 - d)).ToScalar();
        for (var i = 0; i < parameters.Length; i++)
            average[i].mul_(keep).add_(parameters[i], take);
    }

    /// <summary>Swaps the averaged and the current weights in place; calling it twice restores the model.</summary>
    public void Swap()
    {
        using var noGrad = no_grad();
        for (var i = 0; i < parameters.Length; i++)
        {
            using var current = parameters[i].detach().clone();
            parameters[i].copy_(average[i]);
            average[i].copy_(current);
        }
    }

    /// <summary>The averaged weights in the model's own format (for resume state), by swapping them in and out.</summary>
    public byte[] Serialize(nn.Module model)
    {
        Swap();
        try
        {
            using var ms = new MemoryStream();
            model.save(ms);
            return ms.ToArray();
        }
        finally { Swap(); }
    }

    /// <summary>Restores the average (and its step count) saved by <see cref="Serialize"/>.</summary>
    public void Restore(nn.Module model, byte[] weights, long stepCount)
    {
        Swap();
        try
        {
            using var ms = new MemoryStream(weights);
            model.load(ms);
        }
        finally { Swap(); }
        steps = stepCount;
    }

    public long Steps => steps;

    public void Dispose()
    {
        foreach (var t in average) t.Dispose();
    }
}
