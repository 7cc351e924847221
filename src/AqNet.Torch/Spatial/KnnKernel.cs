using System.Numerics;

namespace AqNet.Torch.Spatial;

/// <summary>The neighbour weighting of <see cref="NeuralKnnModel"/> for inference without gradients, fused in plain C#
/// for every (hour, point) row: score each of the K nearest stations (ReLU(a_station + g_geometry)·w + b − β·ln d),
/// take the masked softmax over the first k for each k, and accumulate the weighted neighbour terms in one pass.
/// Torch would materialise several [rows, K, hidden] tensors for this, which made a 0.05° month over northern China
/// memory-bound. The decoder's first layer is linear in the interpolated feature h = Σ wᵢ zᵢ, so it is applied to each
/// station once (uᵢ = W_h zᵢ) and the rows interpolate uᵢ instead: the kernel writes the first layer's pre-activation
/// for each k, and the rest of the decoder stays in torch (<see cref="KnnDecoder.DecodeHidden"/>).</summary>
internal sealed class KnnKernel
{
    private readonly float[] scoreW;      // [Hs]
    private readonly float scoreB;
    private readonly float[][] extraW;    // [extras][Dh]: the first layer's columns for v̄, s_v, d̄, b̄ (and base − v̄), transposed
    private readonly float[] firstB;      // [Dh]
    private readonly int hs, dh;
    private readonly NeighbourGeometry geometry;
    private readonly float[] geoTerm;     // [P, K, Hs]
    private readonly float[] prior;       // [P, K] −β·ln(d + offset)
    private readonly int[] ks;
    private readonly float[]? kriging;    // [P, K] ordinary-kriging weights of each point's K neighbours

    public KnnKernel(NeuralKnnModel model, NeighbourGeometry geometry, float[] geoTerm, float[] prior, int[] ks, float[]? kriging = null)
    {
        (scoreW, scoreB) = model.ScoreOutput();
        var (firstW, bias) = model.DecoderFirstLayer();   // [Dh, D + Extra] row-major (torch Linear layout)
        firstB = bias;
        hs = scoreW.Length;
        dh = firstB.Length;
        var width = firstW.Length / dh;
        var extras = model.DecoderExtraInputs;
        var d = width - extras;
        extraW = [.. Enumerable.Range(0, extras).Select(e => Enumerable.Range(0, dh).Select(c => firstW[c * width + d + e]).ToArray())];
        this.geometry = geometry;
        this.geoTerm = geoTerm;
        this.prior = prior;
        this.ks = ks;
        this.kriging = kriging;
        if (geoTerm.Length != geometry.P * geometry.K * hs) throw new ArgumentException($"geoTerm has {geoTerm.Length} values, expected P·K·Hs = {geometry.P * geometry.K * hs}", nameof(geoTerm));
    }

    /// <summary>The k values, ascending.</summary>
    public IReadOnlyList<int> Ks => ks;

    /// <summary>Decoder hidden width Dh (the length of u and of each pre-activation).</summary>
    public int Hidden => dh;

    /// <summary>Rows [r0, r0 + n) of the hour chunk, row r = hour i · P + point. a: [hours·S, Hs] station terms,
    /// u: [hours·S, Dh] projected features, v: [hours·S] latest scaled PM2.5, obs: [hours·S]; writes pre: [n, nk, Dh],
    /// baseOut: [n, nk] (the decoder's base: v̄, or the kriging base) and ok: [n, nk] (false where no neighbour of the
    /// first k was observed).</summary>
    public void Run(int s, float[] a, float[] u, float[] v, bool[] obs, long r0, int n, float[] pre, float[] baseOut, bool[] ok)
    {
        var nk = ks.Length;
        var opts = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        const int Block = 512;
        Parallel.For(0, (n + Block - 1) / Block, opts, () => new Scratch(geometry.K, dh), (b, _, scratch) =>
        {
            var end = Math.Min(n, (b + 1) * Block);
            for (var i = b * Block; i < end; i++)
                Row(s, a, u, v, obs, r0 + i, pre.AsSpan(i * nk * dh, nk * dh), baseOut.AsSpan(i * nk, nk), ok.AsSpan(i * nk, nk), scratch);
            return scratch;
        }, _ => { });
    }

    private sealed class Scratch(int k, int dh)
    {
        public readonly float[] Scores = new float[k];
        public readonly bool[] Mask = new bool[k];
        public readonly int[] Station = new int[k];
        public readonly float[] SumU = new float[dh];
    }

    private void Row(int s, float[] a, float[] u, float[] v, bool[] obs, long r, Span<float> pre, Span<float> baseOut, Span<bool> ok, Scratch sc)
    {
        var (p, kk) = (geometry.P, geometry.K);
        var pt = (int)(r % p);
        var stationBase = (int)(r / p) * s;
        var maxScore = float.NegativeInfinity;
        for (var j = 0; j < kk; j++)
        {
            var slot = pt * kk + j;
            var st = stationBase + (int)geometry.Indices[slot];
            sc.Station[j] = st;
            sc.Mask[j] = geometry.Valid[slot] && obs[st];
            if (!sc.Mask[j]) continue;
            var score = scoreB + prior[slot] + HiddenDot(a.AsSpan(st * hs, hs), geoTerm.AsSpan(slot * hs, hs));
            sc.Scores[j] = score;
            if (score > maxScore) maxScore = score;
        }
        pre.Clear();
        baseOut.Clear();
        ok.Clear();
        if (float.IsNegativeInfinity(maxScore)) return;
        var krigingBase = kriging is null ? float.NaN : KrigingValue(pt, v, sc);
        // Running sums over the neighbours, read out at each k. exp(score − max over all K) is exact up to a common
        // factor; a prefix whose own scores all underflow is redone with its own maximum.
        Array.Clear(sc.SumU);
        var m = new Moments();
        var next = 0;
        for (var j = 0; j < kk && next < ks.Length; j++)
        {
            if (sc.Mask[j]) Accumulate(ref m, sc.SumU, Math.Exp(sc.Scores[j] - maxScore), pt, j, v, u, sc);
            if (j + 1 != ks[next]) continue;
            if (m.E > 0) Emit(next, krigingBase, m, sc.SumU, pre, baseOut, ok);
            else if (sc.Mask.AsSpan(0, j + 1).Contains(true)) Prefix(next, j + 1, pt, krigingBase, v, u, pre, baseOut, ok, sc);
            next++;
        }
    }

    /// <summary>Weighted sums over the neighbours seen so far: Σe, Σe·v, Σe·v², Σe·d, Σe·b (sin, cos).</summary>
    private struct Moments
    {
        public double E, V, V2, D, B0, B1;
    }

    // Adds neighbour j of point pt with unnormalised weight e to the moments and to Σ e·u.
    private void Accumulate(ref Moments m, float[] sumU, double e, int pt, int j, float[] v, float[] u, Scratch sc)
    {
        var st = sc.Station[j];
        var g = geometry.Geo.AsSpan((pt * geometry.K + j) * NeighbourGeometry.G, NeighbourGeometry.G);
        m.E += e; m.V += e * v[st]; m.V2 += e * v[st] * v[st]; m.D += e * g[0]; m.B0 += e * g[2]; m.B1 += e * g[3];
        Axpy((float)e, u.AsSpan(st * dh, dh), sumU);
    }

    // Σ λᵢ vᵢ / Σ λᵢ over the observed of all K neighbours, or NaN (use v̄) when the observed weights sum to almost nothing.
    private float KrigingValue(int pt, float[] v, Scratch sc)
    {
        var lam = kriging.AsSpan(pt * geometry.K, geometry.K);
        double sl = 0, slv = 0;
        for (var j = 0; j < geometry.K; j++)
        {
            if (!sc.Mask[j]) continue;
            sl += lam[j];
            slv += lam[j] * v[sc.Station[j]];
        }
        return Math.Abs(sl) > KrigingVariogram.MinWeightSum ? (float)(slv / sl) : float.NaN;
    }

    // Σ_c ReLU(a_c + g_c)·w_c, vectorised over the hidden width.
    private float HiddenDot(ReadOnlySpan<float> a, ReadOnlySpan<float> g)
    {
        var w = scoreW.AsSpan();
        var acc = Vector<float>.Zero;
        var c = 0;
        for (; c <= hs - Vector<float>.Count; c += Vector<float>.Count)
        {
            var h = Vector.Max(new Vector<float>(a[c..]) + new Vector<float>(g[c..]), Vector<float>.Zero);
            acc += h * new Vector<float>(w[c..]);
        }
        var sum = Vector.Dot(acc, Vector<float>.One);
        for (; c < hs; c++) sum += MathF.Max(0, a[c] + g[c]) * w[c];
        return sum;
    }

    // The rare case: every observed score of the first k lies ~700 below the overall maximum.
    private void Prefix(int slot, int k, int pt, float krigingBase, float[] v, float[] u, Span<float> pre, Span<float> baseOut, Span<bool> ok, Scratch sc)
    {
        var m = float.NegativeInfinity;
        for (var j = 0; j < k; j++) if (sc.Mask[j] && sc.Scores[j] > m) m = sc.Scores[j];
        var sumU = new float[dh];
        var moments = new Moments();
        for (var j = 0; j < k; j++)
            if (sc.Mask[j]) Accumulate(ref moments, sumU, Math.Exp(sc.Scores[j] - m), pt, j, v, u, sc);
        Emit(slot, krigingBase, moments, sumU, pre, baseOut, ok);
    }

    // The decoder's first layer for the first k neighbours: W_h·h + W_e·[v̄, s_v, d̄, b̄ (, base − v̄)] + b, with h's part
    // interpolated from u; writes the decoder's base (v̄ or the kriging base).
    private void Emit(int slot, float krigingBase, Moments m, float[] sumU, Span<float> pre, Span<float> baseOut, Span<bool> ok)
    {
        var mean = (float)(m.V / m.E);
        var spread = Math.Sqrt(Math.Max(0, m.V2 / m.E - (double)mean * mean) + 1e-4);
        var baseValue = float.IsNaN(krigingBase) ? mean : krigingBase;
        ReadOnlySpan<float> extra = [mean, (float)spread, (float)(m.D / m.E), (float)(m.B0 / m.E), (float)(m.B1 / m.E), baseValue - mean];
        var o = pre.Slice(slot * dh, dh);
        var inv = (float)(1 / m.E);
        for (var c = 0; c < dh; c++) o[c] = sumU[c] * inv + firstB[c];
        for (var e = 0; e < extraW.Length; e++) Axpy(extra[e], extraW[e], o);
        baseOut[slot] = baseValue;
        ok[slot] = true;
    }

    // y += alpha · x, vectorised.
    private static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y)
    {
        var c = 0;
        var va = new Vector<float>(alpha);
        for (; c <= x.Length - Vector<float>.Count; c += Vector<float>.Count)
            (new Vector<float>(y[c..]) + va * new Vector<float>(x[c..])).CopyTo(y[c..]);
        for (; c < x.Length; c++) y[c] += alpha * x[c];
    }
}
