using AqNet.Core.Data;

namespace AqNet.Core.Sharding;

/// <summary>One shard of a job split into <see cref="Count"/>: Index in [0, Count).</summary>
public readonly record struct ShardIndex
{
    public ShardIndex(int index, int count)
    {
        Guard.AtLeast(count, 1, nameof(count));
        Guard.InRange(index, 0, count - 1, nameof(index), "a shard index");
        (Index, Count) = (index, count);
    }

    public int Index { get; }
    public int Count { get; }

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>"I/N" as given to --shard, e.g. 3/8 (0-based I). Anything else → InputException naming the value.</summary>
    public static ShardIndex Parse(string text, string what = "--shard")
    {
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, Fmt.Inv, out var i)
                              || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, Fmt.Inv, out var n))
            throw new InputException($"{what} '{text}': expected I/N with whole numbers, 0 <= I < N, e.g. 0/4");
        return Checked(i, n, what, text);
    }

    /// <summary>I and N checked: N >= 1 and 0 <= I < N, else an InputException naming <paramref name="shown"/>.</summary>
    public static ShardIndex Checked(long i, long n, string what, string shown)
    {
        if (n < 1 || n > MaxShards) throw new InputException($"{what} '{shown}': the shard count {n} is not allowed; expected 1 .. {MaxShards}");
        if (i < 0 || i >= n) throw new InputException($"{what} '{shown}': shard index {i} is outside 0 .. {n - 1} (indices start at 0)");
        return new ShardIndex((int)i, (int)n);
    }

    public const int MaxShards = 100_000;
}
