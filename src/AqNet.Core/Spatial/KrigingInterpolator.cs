using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Ordinary kriging per hour from the (k nearest) visible stations observed that hour. The variogram is fitted
/// once on the training hours of the visible stations (<see cref="VariogramFitter"/>: pairwise relative semivariogram,
/// WLS fit, then the nugget chosen by leave-one-out cross-validation, <see cref="VariogramCrossValidation"/>), or given. Only its shape (nugget/sill ratio and range) matters for the weights, so a relative variogram
/// serves raw µg/m³ values. Weights may be negative (classical OK, not clipped). A query on a station returns its value;
/// if the system is singular (co-located stations with a zero nugget) the estimate falls back to the neighbours' mean.
/// With k nearest neighbours, the farthest of them are tapered against the nearest station left out (<see cref="TaperShare"/>),
/// so that the estimate is continuous in the query position where its set of k nearest stations changes (no seams on a grid).</summary>
public sealed class KrigingInterpolator : ISpatialInterpolator
{
    private bool _given; // model supplied by the caller: Fit does not refit it
    private double[] _dist = []; // [station, station] km
    private int _s;
    private WeightCache _cache = new();

    /// <param name="maxNeighbours">k nearest observed stations in each system (null = all); 16 keeps systems small nationally.</param>
    /// <param name="maxLagKm">largest lag of the empirical variogram; null = twice the median distance from a station to
    /// its k-th nearest other station, capped at the largest station distance (the lags the kriging systems actually use).</param>
    /// <param name="crossValidate">choose the nugget by leave-one-out MAE on the training hours (false = the WLS fit as is).</param>
    /// <param name="taperShare">with <paramref name="maxNeighbours"/>: a neighbour within this share of the distance of the
    /// nearest station left out counts less, down to nothing where the two are equally far; null = the plain k nearest.</param>
    public KrigingInterpolator(VariogramKind kind = VariogramKind.Exponential, int? maxNeighbours = 16, double? maxLagKm = null, int bins = 20,
        bool crossValidate = true, double? taperShare = DefaultTaperShare)
    {
        if (maxNeighbours is { } k) Guard.AtLeast(k, 1, nameof(maxNeighbours));
        if (maxLagKm is { } m) Guard.Positive(m, nameof(maxLagKm));
        Guard.AtLeast(bins, 1, nameof(bins));
        if (taperShare is { } share && !(share > 0 && share <= 1))
            throw new ArgumentOutOfRangeException(nameof(taperShare), share, $"taperShare = {share}: expected a share in (0, 1], or null for no taper");
        Kind = kind;
        SystemSize = maxNeighbours;
        TaperShare = maxNeighbours is null ? null : taperShare;
        MaxLagKm = maxLagKm;
        Bins = bins;
        CrossValidate = crossValidate;
    }

    /// <summary>Kriging with a known variogram: Fit only records the station geometry.</summary>
    public static KrigingInterpolator WithModel(VariogramModel model, int? maxNeighbours = 16, double? taperShare = DefaultTaperShare) =>
        new(model.Kind, maxNeighbours, taperShare) { Model = model, _given = true };

    private KrigingInterpolator(VariogramKind kind, int? maxNeighbours, double? taperShare) : this(kind, maxNeighbours, null, 20, true, taperShare) { }

    /// <summary>The taper's default share: the farthest fifth of the distance to the nearest station left out.</summary>
    public const double DefaultTaperShare = 0.2;

    public string Name => "kriging";
    public VariogramKind Kind { get; }
    /// <summary>Stations in each kriging system (null = all observed that hour).</summary>
    public int? SystemSize { get; }
    /// <summary>Neighbours Estimate looks at: the system's, and with a taper the nearest station left out of it.</summary>
    public int? MaxNeighbours => SystemSize is { } k ? NeighboursRead(k, TaperShare) : null;

    /// <summary>How many nearest stations kriging with systems of <paramref name="systemSize"/> reads per estimate: with a
    /// taper, also the nearest one left out of the system.</summary>
    public static int NeighboursRead(int systemSize, double? taperShare = DefaultTaperShare) => taperShare is null ? systemSize : systemSize + 1;
    /// <summary>See the constructor's taperShare; null without a taper (or without a neighbour limit).</summary>
    public double? TaperShare { get; }
    public double? MaxLagKm { get; }
    public int Bins { get; }
    public bool CrossValidate { get; }

    /// <summary>The WLS fit of the last Fit, before cross-validation (null with a given model).</summary>
    public VariogramModel? FittedModel { get; private set; }

    /// <summary>Leave-one-out MAE of each nugget share tried by the last Fit (empty without cross-validation).</summary>
    public IReadOnlyDictionary<double, double> CrossValidationMae { get; private set; } = new Dictionary<double, double>();

    /// <summary>The variogram in use (after Fit, or the given one).</summary>
    public VariogramModel? Model { get; private set; }

    /// <summary>The empirical variogram of the last Fit (null with a given model).</summary>
    public EmpiricalVariogram? Empirical { get; private set; }

    public void Fit(SpatialTrainingData train)
    {
        _s = train.Stations.Count;
        if (!_given)
        {
            var lag = MaxLagKm ?? train.Cached("maxlag:" + SystemSize, () => new[] { DefaultMaxLagKm(train, SystemSize) })[0];
            Empirical = VariogramFitter.PairwiseRelative(train, lag, Bins);
            FittedModel = Model = VariogramFitter.Fit(Empirical, Kind);
            if (CrossValidate) (Model, CrossValidationMae) = VariogramCrossValidation.Refine(Model, train, SystemSize, TaperShare);
        }
        _cache = new WeightCache(); // weights of the previous fit are stale
        _dist = train.StationDistancesKm;
    }

    public float Estimate(GeoPoint query, NeighbourValues neighbours)
    {
        var model = Model ?? throw new InvalidOperationException("kriging: call Fit before Estimate");
        var nb = MaxNeighbours is { } k ? neighbours.Take(k) : neighbours;
        if (nb.Count == 0) return float.NaN;
        if (nb.DistancesKm[0] <= IdwInterpolator.CoincidentKm) return IdwInterpolator.CoincidentMean(nb);
        if (nb.Count == 1) return nb.Values[0];
        if (!_cache.TryGet(query, nb.Stations, out var w))
        {
            w = Weights(model, nb);
            _cache.Add(query, nb.Stations, w);
        }
        double est = 0;
        for (var i = 0; i < nb.Count; i++) est += w[i] * nb.Values[i];
        return (float)est;
    }

    /// <summary>Weights of the neighbours [nb.Count] (0 for the station left out of the system): the OK system of the
    /// system's stations, each tapered one with an error variance that grows without bound as its taper weight falls to
    /// 0, so its weight falls continuously to 0 and the system becomes the one without it. If singular, equal weights.</summary>
    private double[] Weights(VariogramModel model, NeighbourValues nb)
    {
        var d0 = nb.DistancesKm.ToArray();   // NeighbourValues is a ref struct: lambdas take copies
        var st = nb.Stations.ToArray();
        var taper = Taper(d0);
        var keep = Enumerable.Range(0, taper.Length).Where(i => taper[i] > 0).ToArray();
        if (keep.Length == 0) keep = [.. Enumerable.Range(0, taper.Length)];   // all as far as the one left out: no taper
        var noise = keep.Select(i => taper[i] > 0 ? model.Sill * (1 / taper[i] - 1) : 0).ToArray();
        var w = keep.Length == 1 ? [1.0] : OrdinaryWeights(model, keep.Length, i => d0[keep[i]], (i, j) => _dist[st[keep[i]] * _s + st[keep[j]]], i => noise[i]);
        var all = new double[d0.Length];
        for (var i = 0; i < keep.Length; i++) all[keep[i]] = w[i];
        return all;
    }

    /// <summary>Taper weight in [0, 1] of each neighbour at distances <paramref name="km"/> (nearest first): all 1 without a
    /// taper or without a station left out; otherwise the last one (left out) 0 and the others falling linearly to 0 over
    /// the last <see cref="TaperShare"/> of its distance.</summary>
    internal double[] Taper(ReadOnlySpan<double> km)
    {
        var w = new double[km.Length];
        if (TaperShare is not { } share || SystemSize is not { } k || km.Length <= k) { Array.Fill(w, 1); return w; }
        var next = km[k];
        for (var i = 0; i < k; i++) w[i] = next <= 0 ? 1 : Math.Clamp((next - km[i]) / (share * next), 0, 1);
        return w;
    }

    /// <summary>Ordinary-kriging weights λ [n] of n neighbours for one query: queryKm(i) is the distance from the query
    /// to neighbour i, pairKm(i, j) between neighbours i and j (km). Solves [Γ 1; 1ᵀ 0] [λ; μ] = [γ₀; 1]; the weights
    /// sum to 1. A singular system gives equal weights. <paramref name="noise"/>(i): an error variance of neighbour i (in
    /// the variogram's units, 0 when null), which lowers its weight.</summary>
    public static double[] OrdinaryWeights(VariogramModel model, int n, Func<int, double> queryKm, Func<int, int, double> pairKm,
        Func<int, double>? noise = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.AtLeast(n, 1, nameof(n));   // neighbours
        var m = n + 1;
        Span<double> a = m <= 48 ? stackalloc double[m * m] : new double[m * m];
        var b = new double[m];
        for (var i = 0; i < n; i++)
        {
            a[i * m + i] = -(noise?.Invoke(i) ?? 0);   // γ_ii = σ² − C_ii, and an error variance adds to C_ii
            for (var j = i + 1; j < n; j++) // symmetric: n(n−1)/2 γ evaluations
                a[i * m + j] = a[j * m + i] = model.GammaBetweenStations(pairKm(i, j));
            a[i * m + n] = 1;
            a[n * m + i] = 1;
            b[i] = model.Gamma(queryKm(i));
        }
        a[n * m + n] = 0;
        b[n] = 1; // unbiasedness: weights sum to 1 (b[n] becomes the Lagrange multiplier)
        if (!LinearSolver.Solve(a, b, m)) Array.Fill(b, 1.0 / n);
        return b[..n];
    }

    /// <summary>Uses every located station's position (positions only, no values), so all folds share it.</summary>
    internal static double DefaultMaxLagKm(SpatialTrainingData train, int? k)
    {
        var s = train.Stations.Count;
        var d = train.StationDistancesKm;
        var kth = new List<double>();
        var max = 0.0;
        for (var i = 0; i < s; i++)
        {
            var row = Enumerable.Range(0, s).Where(j => j != i && !double.IsNaN(d[i * s + j])).Select(j => d[i * s + j]).Order().ToArray();
            if (row.Length == 0) continue;
            kth.Add(row[Math.Min(row.Length, k ?? int.MaxValue) - 1]);
            max = Math.Max(max, row[^1]);
        }
        if (kth.Count == 0) return 1; // fewer than 2 located stations: no pairs anyway
        kth.Sort();
        var median = kth[kth.Count / 2];
        return Math.Max(Math.Min(2 * median, max), 1e-3);
    }
}
