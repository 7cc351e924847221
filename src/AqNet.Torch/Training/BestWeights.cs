using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AqNet.Torch.Training;

/// <summary>Early stopping's memory: a copy of the parameters at the best validation score so far, copied back into the
/// model at the end. Lower scores are better; a NaN score is never best.</summary>
internal sealed class BestWeights(Parameter[] parameters) : IDisposable
{
    private Tensor[]? _best;

    public double Score { get; private set; } = double.PositiveInfinity;

    /// <summary>Keeps the current parameters when <paramref name="score"/> beats the best so far; true if it did.</summary>
    public bool Offer(double score)
    {
        if (!(score < Score)) return false;
        Score = score;
        Dispose();
        _best = [.. parameters.Select(p => p.detach().clone())];
        return true;
    }

    /// <summary>Copies the best parameters into the model (nothing when no score was ever kept).</summary>
    public void Restore()
    {
        if (_best is null) return;
        using (no_grad()) for (var i = 0; i < parameters.Length; i++) parameters[i].copy_(_best[i]);
    }

    public void Dispose()
    {
        if (_best is not null) foreach (var p in _best) p.Dispose();
        _best = null;
    }
}
