namespace AqNet.Torch.Impute;

/// <summary>What a training sample hides: cells [N, W] of the window, and per node [N] whether its observations before
/// or after the window are cut as well (a place without a station has none anywhere; a forecast none after its cut).
/// Observations outside the window are otherwise read, as at estimation, for the linear fill across long gaps.</summary>
internal sealed record StHide(bool[] Cells, bool[] NoBefore, bool[] NoAfter)
{
    public static StHide Cellwise(bool[] cells, int n) => new(cells, new bool[n], new bool[n]);
}
