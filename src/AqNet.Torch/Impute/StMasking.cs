namespace AqNet.Torch.Impute;

/// <summary>The gaps a training sample gets, as real networks lose data: single hours (35%), a run of 4–48 h (35%),
/// the whole window (20%: the target is a place without a station) or every hour after a cut (10%: a forecast, the
/// neighbours' later hours hidden too). Sometimes the same hours go missing at many neighbours, and sometimes a whole
/// neighbour is gone. Returns [N, W]; row 0 is the target.</summary>
internal static class StMasking
{
    public static bool[] Draw(int n, int w, Random rng)
    {
        var hide = new bool[n * w];
        var u = rng.NextDouble();
        int from = 0, to = 0;   // the run of hours also hidden at many neighbours
        if (u < 0.35)
        {
            var rate = 0.1 + 0.5 * rng.NextDouble();
            for (var k = 0; k < w; k++) hide[k] = rng.NextDouble() < rate;
            from = rng.Next(w); to = Math.Min(w, from + rng.Next(1, 12));
        }
        else if (u < 0.70)
        {
            var len = Math.Min(w, rng.Next(4, 49));
            from = rng.Next(-len + 1, w); to = Math.Min(w, from + len); from = Math.Max(0, from);
            for (var k = 0; k < w; k++) hide[k] = (k >= from && k < to) || rng.NextDouble() < 0.05;
        }
        else if (u < 0.90)
        {
            for (var k = 0; k < w; k++) hide[k] = true;
            from = 0; to = rng.Next(w);
        }
        else
        {
            var cut = rng.Next(w / 2, w);
            for (var node = 0; node < n; node++)
                for (var k = cut; k < w; k++) hide[node * w + k] = true;
        }
        if (to > from && rng.NextDouble() < 0.3)
            for (var node = 1; node < n; node++)
                if (rng.NextDouble() < 0.5)
                    for (var k = from; k < to; k++) hide[node * w + k] = true;
        for (var node = 1; node < n; node++)
            if (rng.NextDouble() < 0.1)
                for (var k = 0; k < w; k++) hide[node * w + k] = true;
        return hide;
    }
}
