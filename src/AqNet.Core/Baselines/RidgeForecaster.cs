using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Windows;

namespace AqNet.Core.Baselines;

/// <summary>Linear regression with an L2 penalty, one output per horizon step, closed form: for step k,
/// (Σ_{n: y observed} x xᵀ + λ·n_k·I') w_k = Σ x y, solved by Cholesky (I' leaves the intercept unpenalised,
/// n_k = observed targets of step k, so λ is scale-free). Masked targets are left out of step k's sums exactly
/// (the full Gram matrix minus the rows whose step k is missing). λ is chosen per step on the validation windows
/// (lowest masked MSE) from <see cref="LambdaGrid"/>. Rows: <see cref="RidgeFeatures"/>.
/// The Gram matrix costs N·P²/2 (P ≈ 300), so at most <see cref="MaxTrainRows"/> training and
/// <see cref="MaxValidationRows"/> validation windows are used, evenly spaced over the (station, time)-ordered set:
/// overlapping stride-1 windows are highly redundant, and 300 coefficients are well determined by 50,000 rows.</summary>
public sealed class RidgeForecaster : IDeterministicForecaster
{
    public static readonly IReadOnlyList<double> DefaultLambdaGrid = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

    private RidgeFeatures? _features;
    private float[][]? _weights; // [H][P]

    public RidgeForecaster(IReadOnlyList<double>? lambdaGrid = null, int maxTrainRows = 50_000, int maxValidationRows = 10_000)
    {
        Guard.AtLeast(maxTrainRows, 1, nameof(maxTrainRows));             // windows
        Guard.AtLeast(maxValidationRows, 1, nameof(maxValidationRows));   // windows
        (MaxTrainRows, MaxValidationRows) = (maxTrainRows, maxValidationRows);
        LambdaGrid = lambdaGrid ?? DefaultLambdaGrid;
        if (LambdaGrid.Count == 0) throw new ArgumentException("the lambda grid is empty; give at least one λ > 0", nameof(lambdaGrid));
        foreach (var l in LambdaGrid)
            Guard.Positive(l, nameof(lambdaGrid));
    }

    public string Name => "ridge";
    public IReadOnlyList<double> LambdaGrid { get; }
    public int MaxTrainRows { get; }
    public int MaxValidationRows { get; }
    /// <summary>λ chosen for each step (after Fit).</summary>
    public double[] ChosenLambda { get; private set; } = [];

    public void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct)
    {
        if (train.N == 0) throw new InputException("ridge: the training part has no windows");
        var fe = new RidgeFeatures(train);
        var (p, h) = (fe.P, train.H);
        var all = new GramAccumulator(p, h);
        var missing = new GramAccumulator[h]; // rows whose step k target is missing, to subtract from G
        for (var k = 0; k < h; k++) missing[k] = new GramAccumulator(p, 0);
        var row = new float[p];
        var y = new float[h];
        var nk = new long[h];
        var used = Spaced(train.N, MaxTrainRows);
        for (var r = 0; r < used; r++)
        {
            var n = (int)((long)r * train.N / used);
            if ((r & 4095) == 0) ct.ThrowIfCancellationRequested();
            fe.Row(train, n, row);
            for (var k = 0; k < h; k++)
            {
                var ok = train.YMask[n * h + k] > 0;
                y[k] = ok ? train.Y[n * h + k] : 0; // a masked target adds nothing to B = Σ x y
                if (ok) nk[k]++; else missing[k].Add(row, []);
            }
            all.Add(row, y);
        }
        all.Flush();
        var val = ValidationRows(validation, fe, MaxValidationRows);
        _weights = new float[h][];
        ChosenLambda = new double[h];
        for (var k = 0; k < h; k++)
        {
            missing[k].Flush();
            var g = new double[p * p];
            for (var i = 0; i < g.Length; i++) g[i] = all.G[i] - missing[k].G[i];
            var b = new double[p];
            for (var i = 0; i < p; i++) b[i] = all.B[i * h + k];
            var best = double.PositiveInfinity;
            foreach (var lambda in LambdaGrid)
            {
                var pen = new double[p];
                Array.Fill(pen, lambda * Math.Max(1, nk[k]));
                pen[p - 1] = 0; // intercept
                var wd = Cholesky.Solve(g, pen, b);
                if (wd is null) continue;
                var w = Array.ConvertAll(wd, v => (float)v);
                var mse = val is null ? 0 : Mse(val.Value, validation, k, w);
                if (_weights[k] is null || mse < best) { best = mse; _weights[k] = w; ChosenLambda[k] = lambda; }
                if (val is null) break; // no validation windows: keep the first (smallest) λ that solves
            }
            if (_weights[k] is null)
                throw new InputException($"ridge: the normal equations of step {k + 1} are singular for every λ in the grid; try larger λ");
        }
        progress?.Report($"ridge: {used} of {train.N} training windows, {p} features, λ per step = {string.Join(",", ChosenLambda.Select(l => Fmt.D(l)))}");
        _features = fe;
    }

    public float[] Predict(WindowSet set, WindowContext context)
    {
        var (fe, ws) = (_features ?? throw new InvalidOperationException("ridge: call Fit before Predict"), _weights!);
        if (!fe.SameLayout(set) || set.H != ws.Length)
            throw new ArgumentException($"window set W={set.W}, F={set.F}, H={set.H} differs from the training set's", nameof(set));
        var row = new float[fe.P];
        var y = new float[set.N * set.H];
        for (var n = 0; n < set.N; n++)
        {
            fe.Row(set, n, row);
            for (var k = 0; k < set.H; k++) y[n * set.H + k] = (float)GramAccumulator.Dot(row, ws[k]);
        }
        return y;
    }

    private static int Spaced(int n, int max) => Math.Min(n, max);

    /// <summary>Rows [Nv', P] of evenly spaced validation windows, with their sample indices.</summary>
    private static (float[] Rows, int[] Index)? ValidationRows(WindowSet v, RidgeFeatures fe, int max)
    {
        if (v.N == 0) return null;
        var used = Spaced(v.N, max);
        var rows = new float[checked(used * fe.P)];
        var index = new int[used];
        for (var r = 0; r < used; r++)
        {
            index[r] = (int)((long)r * v.N / used);
            fe.Row(v, index[r], rows.AsSpan(r * fe.P, fe.P));
        }
        return (rows, index);
    }

    private static double Mse((float[] Rows, int[] Index) val, WindowSet v, int k, float[] w)
    {
        double s = 0; long c = 0;
        for (var r = 0; r < val.Index.Length; r++)
        {
            var n = val.Index[r];
            if (v.YMask[n * v.H + k] <= 0) continue;
            var e = GramAccumulator.Dot(val.Rows.AsSpan(r * w.Length, w.Length), w) - v.Y[n * v.H + k];
            s += e * e; c++;
        }
        return c > 0 ? s / c : 0;
    }
}
