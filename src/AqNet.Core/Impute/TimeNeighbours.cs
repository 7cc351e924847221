namespace AqNet.Core.Impute;

/// <summary>For each cell of a [T, S] input mask, the nearest input hour before and after it at the same station
/// (−1 when none). A gap's length is next − previous − 1.</summary>
public sealed class TimeNeighbours
{
    public TimeNeighbours(bool[] input, int T, int S)
    {
        Previous = new int[T * S];
        Next = new int[T * S];
        for (var s = 0; s < S; s++)
        {
            var last = -1;
            for (var t = 0; t < T; t++) { Previous[t * S + s] = last; if (input[t * S + s]) last = t; }
            last = -1;
            for (var t = T - 1; t >= 0; t--) { Next[t * S + s] = last; if (input[t * S + s]) last = t; }
        }
    }

    public int[] Previous { get; }
    public int[] Next { get; }

    /// <summary>Hours of the gap around cell i (int.MaxValue when it is open on a side).</summary>
    public int GapLength(int i) => Previous[i] < 0 || Next[i] < 0 ? int.MaxValue : Next[i] - Previous[i] - 1;

    /// <summary>Linear interpolation in time at cell (t, s); one side only: that value; neither: NaN.</summary>
    public float Linear(float[] values, int t, int s, int S)
    {
        var i = t * S + s;
        int p = Previous[i], n = Next[i];
        if (p < 0 && n < 0) return float.NaN;
        if (p < 0) return values[n * S + s];
        if (n < 0) return values[p * S + s];
        var a = (double)(t - p) / (n - p);
        return (float)((1 - a) * values[p * S + s] + a * values[n * S + s]);
    }
}
