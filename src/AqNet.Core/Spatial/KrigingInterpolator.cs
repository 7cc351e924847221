using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>Ordinary kriging per hour from the (k nearest) visible stations observed that hour. The variogram is fitted
/// once on the training hours of the visible stations (<see cref="VariogramFitter"/>: pairwise relative semivariogram,
/// WLS fit, then the nugget chosen by leave-one-out cross-validation, <see cref="VariogramCrossValidation"/>), or given. Only its shape (nugget/sill ratio and range) matters for the weights, so a relative variogram
/// serves raw µg/m³ values. Weights may be negative (classical OK, not clipped). A query on a station returns its value;
/// if the system is singular (co-located stations with a zero nugget) the estimate falls back to the neighbours' mean.</summary>
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
    public KrigingInterpolator(VariogramKind kind = VariogramKind.Exponential, int? maxNeighbours = 16, double? maxLagKm = null, int bins = 20,
        bool crossValidate = true)
    {
        if (maxNeighbours is { } k) Guard.AtLeast(k, 1, nameof(maxNeighbours));
        if (maxLagKm is { } m) Guard.Positive(m, nameof(maxLagKm));
        Guard.AtLeast(bins, 1, nameof(bins));
        Kind = kind;
        MaxNeighbours = maxNeighbours;
        MaxLagKm = maxLagKm;
        Bins = bins;
        CrossValidate = crossValidate;
    }

    /// <summary>Kriging with a known variogram: Fit only records the station geometry.</summary>
    public static KrigingInterpolator WithModel(VariogramModel model, int? maxNeighbours = 16) =>
        new(model.Kind, maxNeighbours) { Model = model, _given = true };

    private KrigingInterpolator(VariogramKind kind, int? maxNeighbours) : this(kind, maxNeighbours, null, 20) { }

    public string Name => "kriging";
    public VariogramKind Kind { get; }
    public int? MaxNeighbours { get; }
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
            var lag = MaxLagKm ?? train.Cached("maxlag:" + MaxNeighbours, () => new[] { DefaultMaxLagKm(train, MaxNeighbours) })[0];
            Empirical = VariogramFitter.PairwiseRelative(train, lag, Bins);
            FittedModel = Model = VariogramFitter.Fit(Empirical, Kind);
            if (CrossValidate) (Model, CrossValidationMae) = VariogramCrossValidation.Refine(Model, train, MaxNeighbours);
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

    /// <summary>Solves the OK system [Γ 1; 1ᵀ 0] [λ; μ] = [γ₀; 1]; if singular, equal weights (the neighbours' mean).</summary>
    private double[] Weights(VariogramModel model, NeighbourValues nb)
    {
        var d0 = nb.DistancesKm.ToArray();   // NeighbourValues is a ref struct: lambdas take copies
        var st = nb.Stations.ToArray();
        return OrdinaryWeights(model, nb.Count, i => d0[i], (i, j) => _dist[st[i] * _s + st[j]]);
    }

    /// <summary>Ordinary-kriging weights λ [n] of n neighbours for one query: queryKm(i) is the distance from the query
    /// to neighbour i, pairKm(i, j) between neighbours i and j (km). Solves [Γ 1; 1ᵀ 0] [λ; μ] = [γ₀; 1]; the weights
    /// sum to 1. A singular system gives equal weights.</summary>
    public static double[] OrdinaryWeights(VariogramModel model, int n, Func<int, double> queryKm, Func<int, int, double> pairKm)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.AtLeast(n, 1, nameof(n));   // neighbours
        var m = n + 1;
        Span<double> a = m <= 48 ? stackalloc double[m * m] : new double[m * m];
        var b = new double[m];
        for (var i = 0; i < n; i++)
        {
            a[i * m + i] = 0;
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
