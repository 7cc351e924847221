using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Clips the gradients to a maximum global L2 norm. Cheaper than nn.utils.clip_grad_norm_ on CPU, which
/// launches a norm kernel per parameter and rescales every gradient even when nothing needs clipping: here one
/// concatenation and one norm, and the P rescales only when the norm exceeds the limit.</summary>
internal static class GradientClip
{
    /// <summary>Returns the global norm before clipping.</summary>
    public static double ByGlobalNorm(Parameter[] parameters, double maxNorm)
    {
        using var scope = NewDisposeScope();
        var grads = new List<Tensor>(parameters.Length);
        foreach (var p in parameters)
            if (p.grad is { } g) grads.Add(g.view(-1));
        if (grads.Count == 0) return 0;
        var norm = cat(grads, 0).norm().item<float>();
        if (norm > maxNorm)
        {
            using var scale = ((float)(maxNorm / (norm + 1e-6))).ToScalar();   // held alive: see Runtime.Scalars
            foreach (var p in parameters) p.grad?.mul_(scale);
        }
        return norm;
    }
}
