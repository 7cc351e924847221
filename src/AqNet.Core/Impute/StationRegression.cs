using AqNet.Core.Spatial;

namespace AqNet.Core.Impute;

/// <summary>Each station's own relation to its <c>K</c> nearest visible stations at the same hour, learnt from its history:
/// a ridge regression of the station's value on theirs (µg/m³), from the training hours at which the station and all of
/// them were observed. At an hour where some neighbours have no value, the regression on those that have one (the same
/// normal equations, their rows and columns only; solved once per set and kept). Where a station went dark for months
/// but reported before, this carries what kriging cannot know: that it runs higher than its neighbours, or follows one
/// of them more than the others. A station without history (a place, a hidden station) has no regression. The
/// neighbours are the nearest <c>K</c> less any that would leave too few hours with all of them observed.</summary>
public sealed class StationRegression
{
    /// <summary>Fewest training hours (the station and all its neighbours observed) for a station's regression.</summary>
    public const int MinHours = 168;
    private readonly int[] _nb;        // [S, K] neighbour station, −1 where none
    private readonly double[]?[] _xtx;  // per station: normal equations [U + 1, U + 1] over its complete hours (U neighbours)
    private readonly double[]?[] _xty;  // per station: [U + 1]
    private readonly int[] _used;       // [S] U: the station's neighbours (slots 0 … U − 1)
    private double _ridge;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int), double[]?> _models = new();

    private StationRegression(int s, int k)
    {
        S = s; K = k;
        _nb = new int[s * k];
        Array.Fill(_nb, -1);
        _xtx = new double[s][];
        _xty = new double[s][];
        _used = new int[s];
    }

    public int S { get; }
    public int K { get; }

    /// <summary>Whether station <paramref name="s"/> has a regression.</summary>
    public bool Has(int s) => _xtx[s] is not null;

    /// <summary>The station of neighbour slot <paramref name="i"/> of station <paramref name="s"/>; −1 where none.</summary>
    public int Neighbour(int s, int i) => _nb[s * K + i];

    /// <param name="cells">[T, S] the cells that may be read (training cells).</param>
    /// <param name="hidden">[S] stations never used, neither as target nor as neighbour.</param>
    /// <param name="ridge">penalty on the neighbours' coefficients, in units of (µg/m³)² summed over hours.</param>
    public static StationRegression Fit(ImputeTask task, bool[] cells, bool[] hidden, int k, double ridge = 1e3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (!double.IsFinite(ridge) || ridge < 0) throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "ridge must be finite and ≥ 0");
        var (T, S) = (task.T, task.S);
        var r = new StationRegression(S, k);
        var pts = task.Stations.Select(GeoPoint.Of).ToArray();
        for (var s = 0; s < S; s++)
        {
            if (pts[s] is not { } p || hidden[s]) continue;
            var order = Enumerable.Range(0, S).Where(j => j != s && !hidden[j] && pts[j] is not null)
                .Select(j => (j, d: Math.Max(Geodesy.DistanceKm(p, pts[j]!.Value), 0.01))).OrderBy(x => x.d).ThenBy(x => x.j).Take(k).ToArray();
            // Nearest first, a neighbour joins unless it would leave fewer than a quarter of the station's own hours (or
            // MinHours) with every member observed: a neighbour that started late must not take the station's history away.
            var complete = new bool[T];
            var own = 0;
            for (var t = 0; t < T; t++) own += (complete[t] = cells[t * S + s]) ? 1 : 0;
            var need = Math.Max(MinHours, own / 4);
            var n = 0;
            foreach (var (j, _) in order)
            {
                var left = 0;
                for (var t = 0; t < T; t++) if (complete[t] && cells[t * S + j]) left++;
                if (left < need) continue;
                for (var t = 0; t < T; t++) complete[t] &= cells[t * S + j];
                r._nb[s * k + n++] = j;
            }
            r._used[s] = n;   // slots fill from the nearest
        }
        Parallel.For(0, S, s =>
        {
            var used = r._used[s];
            if (used == 0) return;
            var m = used + 1;
            var xtx = new double[m * m];
            var xty = new double[m];
            var x = new double[m];
            var rows = 0;
            for (var t = 0; t < T; t++)
            {
                if (!cells[t * S + s]) continue;
                x[0] = 1;
                var complete = true;
                for (var i = 0; i < used && complete; i++)
                {
                    var j = r._nb[s * k + i];
                    complete = cells[t * S + j];
                    x[i + 1] = task.Truth[t * S + j];
                }
                if (!complete) continue;
                rows++;
                var y = task.Truth[t * S + s];
                for (var a = 0; a < m; a++)
                {
                    xty[a] += x[a] * y;
                    for (var b = 0; b < m; b++) xtx[a * m + b] += x[a] * x[b];
                }
            }
            if (rows < MinHours) return;
            r._xtx[s] = xtx; r._xty[s] = xty;
        });
        r._ridge = ridge;
        return r;
    }

    /// <summary>The estimate at station <paramref name="s"/> (µg/m³) from its neighbours' values at one hour
    /// (<paramref name="value"/>: a neighbour station's value, NaN where not read); NaN without a regression or without
    /// any neighbour's value.</summary>
    public float Predict(int s, Func<int, float> value)
    {
        if (!Has(s)) return float.NaN;
        Span<double> v = stackalloc double[K];
        for (var i = 0; i < K; i++) v[i] = _nb[s * K + i] is var j && j >= 0 ? value(j) : double.NaN;
        return Predict(s, v);
    }

    /// <summary>As <see cref="Predict(int, Func{int, float})"/>, the neighbours' values given as <paramref name="values"/>
    /// of <paramref name="stations"/> (NaN where not read; a neighbour not among them is not read).</summary>
    public float Predict(int s, ReadOnlySpan<int> stations, ReadOnlySpan<float> values)
    {
        if (!Has(s)) return float.NaN;
        Span<double> v = stackalloc double[K];
        for (var i = 0; i < K; i++)
        {
            var at = _nb[s * K + i] is var j && j >= 0 ? stations.IndexOf(j) : -1;
            v[i] = at >= 0 ? values[at] : double.NaN;
        }
        return Predict(s, v);
    }

    private float Predict(int s, ReadOnlySpan<double> v)
    {
        var mask = 0;
        for (var i = 0; i < _used[s]; i++) if (!double.IsNaN(v[i])) mask |= 1 << i;
        if (mask == 0) return float.NaN;
        var c = _models.GetOrAdd((s, mask), key => Sub(key.Item1, key.Item2));
        if (c is null) return float.NaN;
        var y = c[0];
        for (int i = 0, a = 1; i < _used[s]; i++) if ((mask >> i & 1) == 1) y += c[a++] * v[i];
        return (float)y;
    }

    // The regression on the neighbours in `mask` alone: the normal equations' rows and columns of the intercept and those
    // neighbours, with the ridge on the neighbours' terms.
    private double[]? Sub(int s, int mask)
    {
        var (full, used) = (_used[s] + 1, _used[s]);
        var cols = new List<int> { 0 };
        for (var i = 0; i < used; i++) if ((mask >> i & 1) == 1) cols.Add(i + 1);
        var m = cols.Count;
        var a = new double[m * m];
        var b = new double[m];
        var penalty = new double[m];
        for (var p = 0; p < m; p++)
        {
            b[p] = _xty[s]![cols[p]];
            for (var q = 0; q < m; q++) a[p * m + q] = _xtx[s]![cols[p] * full + cols[q]];
            if (p > 0) penalty[p] = _ridge;
        }
        return Baselines.Cholesky.Solve(a, penalty, b);
    }
}
