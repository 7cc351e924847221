using AqNet.Core.Experiments;

namespace AqNet.Torch.Analysis;

/// <summary>The paper's attention figures (Fig. 4: two heads' attention over time, chosen by a PCA clustering of
/// all heads into short- and long-term; Fig. 5: attention from output days to input days for the 336 h model).</summary>
public static class AttentionFigures
{
    public static void OnModelFitted(FittedModel fitted)
    {
        // Written by the analysis module; a no-op until it lands.
    }
}
