namespace AqNet.Torch.Impute;

/// <summary>Synthetic gaps for a training sample, as real networks lose data. The target (node 0) and about half of the
/// neighbours each get one pattern: single hours (35%), a run of 4–48 h (35%), the whole window (20%: a place without
/// a station, or a station gone dark) or every hour after a cut (10%: a forecast, which hides every node's later hours). Often the same run of
/// hours goes missing at many nodes at once. Returns [N, W].</summary>
internal static class StMasking
{
    /// <summary>The network's own gaps elsewhere in time: cell (node, k) is hidden where the same station had no input at
    /// hour t1 + k (t1 a random training window); its hours outside the window stay readable. A benchmark built by copying real failure patterns (as AQI-36 was) is
    /// learnt this way; any network's real outages are too.</summary>
    public static StHide Real(StGraph g, bool[] input, int s, int t1, int n, int w)
    {
        var hide = new bool[n * w];
        for (var node = 0; node < n; node++)
        {
            var j = node == 0 ? s : g.Nodes[s * g.K + node - 1];
            if (j < 0) continue;
            for (var k = 0; k < w; k++) hide[node * w + k] = !input[(t1 + k) * g.S + j];
        }
        return StHide.Cellwise(hide, n);
    }

    public static StHide Draw(int n, int w, Random rng)
    {
        var hide = new bool[n * w];
        var noBefore = new bool[n];
        var noAfter = new bool[n];
        var cutAt = int.MaxValue;
        var noHistory = false;
        for (var node = 0; node < n; node++)
        {
            if (node > 0 && rng.NextDouble() < 0.5) continue;
            var u = rng.NextDouble();
            var row = node * w;
            if (u < 0.35)
            {
                var rate = 0.1 + 0.5 * rng.NextDouble();
                for (var k = 0; k < w; k++) hide[row + k] = rng.NextDouble() < rate;
            }
            else if (u < 0.70)
            {
                var len = Math.Min(w, rng.Next(4, 49));
                var from = rng.Next(-len + 1, w);
                for (var k = Math.Max(0, from); k < Math.Min(w, from + len); k++) hide[row + k] = true;
                for (var k = 0; k < w; k++) hide[row + k] |= rng.NextDouble() < 0.05;
            }
            else if (u < 0.90)
            {
                for (var k = 0; k < w; k++) hide[row + k] = true;
                noBefore[node] = noAfter[node] = true;
                // Half of these are places that never had a station, half stations gone dark that reported before.
                if (node == 0) noHistory = rng.NextDouble() < 0.5;
            }
            else
            {
                var cut = rng.Next(w / 4, w);   // down to a quarter of the window: 24 h ahead in a 36 h window
                cutAt = Math.Min(cutAt, cut);
                for (var m = 0; m < n; m++)
                {
                    noAfter[m] = true;
                    for (var k = cut; k < w; k++) hide[m * w + k] = true;
                }
            }
        }
        if (rng.NextDouble() < 0.4)
        {
            var len = rng.Next(1, Math.Min(w, 24) + 1);
            var from = rng.Next(0, w - len + 1);
            for (var node = 0; node < n; node++)
                if (rng.NextDouble() < 0.6)
                    for (var k = from; k < from + len; k++) hide[node * w + k] = true;
        }
        return new StHide(hide, noBefore, noAfter, cutAt) { NoHistory = noHistory };
    }
}
