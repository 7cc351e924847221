namespace AqNet.Torch.Impute;

/// <summary>What a training sample hides: cells [N, W] of the window, and per node [N] whether its observations before
/// or after the window are cut as well (a place without a station has none anywhere; a forecast none after its cut).
/// Observations outside the window are otherwise read, as at estimation, for the linear fill across long gaps.
/// From window hour <see cref="Cut"/> on, no station of the network has data (a forecast): the target's kriging base is
/// not read there either.</summary>
internal sealed record StHide(bool[] Cells, bool[] NoBefore, bool[] NoAfter, int Cut = int.MaxValue)
{
    /// <summary>The target is a place that never had a station: its regression on the neighbours (learnt from a history
    /// it does not have) is not read. A target whose whole window is hidden without this is a station gone dark.</summary>
    public bool NoHistory { get; init; }

    public static StHide Cellwise(bool[] cells, int n) => new(cells, new bool[n], new bool[n]);

    /// <summary>A forecast from window hour <paramref name="cut"/> − 1: every node's later hours hidden, inside and after the window.</summary>
    public static StHide Forecast(int n, int w, int cut)
    {
        var cells = new bool[n * w];
        for (var m = 0; m < n; m++)
            for (var k = Math.Max(0, cut); k < w; k++) cells[m * w + k] = true;
        var after = new bool[n];
        Array.Fill(after, true);
        return new StHide(cells, new bool[n], after, cut);
    }
}
