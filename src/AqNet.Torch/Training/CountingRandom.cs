namespace AqNet.Torch.Training;

/// <summary>System.Random seeded as <c>new Random(seed)</c>, counting the draws of its generator, so a resumed run can
/// be put back at the same position (<see cref="Draws"/> in the resume state, replayed by the constructor): the same
/// numbers follow as in a run never interrupted. Every draw of the seeded generator advances it by one step, except
/// Next(min, max) over a range wider than int.MaxValue, which takes two.</summary>
internal sealed class CountingRandom : Random
{
    private readonly Random inner;

    public CountingRandom(int seed, long skip = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        inner = new Random(seed);
        for (long i = 0; i < skip; i++) inner.Next();
        Draws = skip;
    }

    /// <summary>Steps the generator has taken since it was seeded.</summary>
    public long Draws { get; private set; }

    public override int Next() { Draws++; return inner.Next(); }
    public override int Next(int maxValue) { Draws++; return inner.Next(maxValue); }

    public override int Next(int minValue, int maxValue)
    {
        Draws += (long)maxValue - minValue > int.MaxValue ? 2 : 1;
        return inner.Next(minValue, maxValue);
    }

    public override double NextDouble() { Draws++; return inner.NextDouble(); }
    protected override double Sample() { Draws++; return inner.NextDouble(); }

    public override long NextInt64() => throw Unsupported();
    public override long NextInt64(long maxValue) => throw Unsupported();
    public override long NextInt64(long minValue, long maxValue) => throw Unsupported();
    public override float NextSingle() => throw Unsupported();
    public override void NextBytes(byte[] buffer) => throw Unsupported();
    public override void NextBytes(Span<byte> buffer) => throw Unsupported();

    private static NotSupportedException Unsupported() =>
        new("the training generator counts Next and NextDouble draws only, so that a resumed run can replay them");
}
