using System.Numerics;

namespace AqNet.Core.Baselines;

/// <summary>Accumulates G = Σ x xᵀ (upper triangle, double) and B = Σ x yᵀ over rows added one at a time.
/// Rows are buffered transposed in float blocks of <see cref="Block"/> so each entry is a SIMD dot product over
/// the block, summed into double: fast without losing precision across ~10⁵–10⁶ rows.</summary>
internal sealed class GramAccumulator(int p, int h)
{
    private const int Block = 256;
    private readonly float[] _xt = new float[p * Block]; // [P, Block]
    private readonly float[] _yt = new float[h * Block]; // [H, Block]
    private int _b;

    public double[] G { get; } = new double[p * p]; // [P, P], upper triangle
    public double[] B { get; } = new double[p * h]; // [P, H]
    public long Rows { get; private set; }

    public void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        for (var i = 0; i < p; i++) _xt[i * Block + _b] = x[i];
        for (var k = 0; k < h; k++) _yt[k * Block + _b] = y[k];
        Rows++;
        if (++_b == Block) Flush();
    }

    public void Flush()
    {
        if (_b == 0) return;
        for (var i = 0; i < p; i++)
        {
            var xi = _xt.AsSpan(i * Block, _b);
            for (var j = i; j < p; j++) G[i * p + j] += Dot(xi, _xt.AsSpan(j * Block, _b));
            for (var k = 0; k < h; k++) B[i * h + k] += Dot(xi, _yt.AsSpan(k * Block, _b));
        }
        _b = 0;
    }

    internal static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        double s = Vector.Sum(acc);
        for (; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
