using AqNet.Core.Data;

namespace AqNet.Core.Splitting;

/// <summary>A half-open range [Start, End) of panel hour indices.</summary>
public readonly record struct HourRange(int Start, int End)
{
    public int Length => End - Start;

    public bool Contains(int t) => t >= Start && t < End;

    /// <summary>True when every hour of [from, to) lies in this range.</summary>
    public bool Covers(int from, int to) => from >= Start && to <= End;

    public override string ToString() => $"[{Start.ToString(Fmt.Inv)}, {End.ToString(Fmt.Inv)})";
}
