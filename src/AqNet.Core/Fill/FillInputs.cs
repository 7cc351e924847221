using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Fill;

/// <summary>A panel's PM2.5 as a filler reads it: [hour, station] values of the usable observations (observed and not
/// flagged by quality control), the previous and next usable hour of every cell, and each located station's other
/// located stations by distance.</summary>
internal sealed class FillInputs
{
    private readonly int[] _prev, _next;          // [t·S + s]: last usable hour before t / first after t, −1 when none
    private readonly int[][] _neighbours;         // per station: the other located stations, nearest first
    private readonly double[][] _neighbourKm;

    private FillInputs(Panel panel)
    {
        Stations = panel.Stations;
        (S, T, V) = (panel.S, panel.Hours, panel.VariableIndex(Variables.Pm25));
        Usable = Quality.QcFlagBits.Usable(panel, V);
        Values = new float[T * S];
        for (var t = 0; t < T; t++)
            for (var s = 0; s < S; s++)
                Values[t * S + s] = Usable[t * S + s] ? panel.Values[panel.Index(t, s, V)] : float.NaN;
        _prev = new int[T * S];
        _next = new int[T * S];
        for (var s = 0; s < S; s++)
        {
            var last = -1;
            for (var t = 0; t < T; t++) { _prev[t * S + s] = last; if (Usable[t * S + s]) last = t; }
            last = -1;
            for (var t = T - 1; t >= 0; t--) { _next[t * S + s] = last; if (Usable[t * S + s]) last = t; }
        }
        var pts = Stations.Select(GeoPoint.Of).ToArray();
        Located = pts.Count(p => p is not null);
        _neighbours = new int[S][];
        _neighbourKm = new double[S][];
        for (var s = 0; s < S; s++)
        {
            var order = pts[s] is { } q
                ? Enumerable.Range(0, S).Where(j => j != s && pts[j] is not null).Select(j => (j, Km: Geodesy.DistanceKm(q, pts[j]!.Value)))
                    .OrderBy(x => x.Km).ThenBy(x => x.j).ToArray()
                : [];
            _neighbours[s] = [.. order.Select(x => x.j)];
            _neighbourKm[s] = [.. order.Select(x => x.Km)];
        }
    }

    public static FillInputs From(Panel panel) => new(panel);

    public IReadOnlyList<Station> Stations { get; }
    public int S { get; }
    public int T { get; }
    /// <summary>PM2.5's index among the panel's variables.</summary>
    public int V { get; }
    public float[] Values { get; }
    public bool[] Usable { get; }
    public int Located { get; }

    public float Value(int s, int t) => Values[t * S + s];

    public bool IsUsable(int s, int t) => Usable[t * S + s];

    public int? Previous(int s, int t) => _prev[t * S + s] is var p && p >= 0 ? p : null;

    public int? Next(int s, int t) => _next[t * S + s] is var n && n >= 0 ? n : null;

    /// <summary>Linear in time between the usable hours a &lt; t &lt; b.</summary>
    public float Linear(int s, int a, int b, int t) => Value(s, a) + (Value(s, b) - Value(s, a)) * (t - a) / (b - a);

    /// <summary>Ordinary kriging with the variogram fitted on all usable hours of the panel.</summary>
    public static KrigingInterpolator Kriging(FillInputs d, int maxNeighbours)
    {
        var k = new KrigingInterpolator(maxNeighbours: maxNeighbours);
        k.Fit(new SpatialTrainingData(d.Stations, d.T, d.Values, d.Usable));
        return k;
    }

    /// <summary>Station s at hour t from the other stations usable then (never s itself); null when s has no
    /// coordinates or no other station was usable.</summary>
    public float? KrigeAt(KrigingInterpolator k, int s, int t)
    {
        var nb = _neighbours[s];
        if (nb.Length == 0) return null;
        var n = Math.Min(nb.Length, k.MaxNeighbours ?? nb.Length);
        Span<int> idx = stackalloc int[n];
        Span<double> km = stackalloc double[n];
        Span<float> val = stackalloc float[n];
        var m = 0;
        for (var i = 0; i < nb.Length && m < n; i++)
        {
            if (!IsUsable(nb[i], t)) continue;
            (idx[m], km[m], val[m]) = (nb[i], _neighbourKm[s][i], Value(nb[i], t));
            m++;
        }
        if (m == 0) return null;
        return k.Estimate(GeoPoint.Of(Stations[s])!.Value, new NeighbourValues(idx[..m], km[..m], val[..m]));
    }
}
