namespace AqNet.Core.Impute;

/// <summary>Patterns of hidden observations, as real networks lose them: single hours at random, runs of hours at one
/// station. Only cells that are inputs and lie in hours of the given role are hidden; the result is [T, S].</summary>
public static class GapPatterns
{
    public static bool[] Points(bool[] input, HourRole[] roles, HourRole role, int S, double rate, Random rng)
    {
        var hide = new bool[input.Length];
        for (var i = 0; i < input.Length; i++)
            if (input[i] && roles[i / S] == role && rng.NextDouble() < rate) hide[i] = true;
        return hide;
    }

    /// <summary>At each station and hour a run starts with probability <paramref name="startRate"/>, its length uniform in
    /// [minHours, maxHours]; then single hours with probability <paramref name="pointRate"/>.</summary>
    public static bool[] Blocks(bool[] input, HourRole[] roles, HourRole role, int S, double startRate, int minHours, int maxHours,
        double pointRate, Random rng)
    {
        var T = roles.Length;
        var hide = new bool[input.Length];
        for (var s = 0; s < S; s++)
            for (var t = 0; t < T; t++)
            {
                if (rng.NextDouble() >= startRate) continue;
                var len = rng.Next(minHours, maxHours + 1);
                for (var k = t; k < Math.Min(T, t + len); k++) hide[k * S + s] = true;
            }
        for (var i = 0; i < hide.Length; i++)
        {
            if (!hide[i] && rng.NextDouble() < pointRate) hide[i] = true;
            hide[i] &= input[i] && roles[i / S] == role;
        }
        return hide;
    }
}
