using System.Collections.Concurrent;
using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

/// <summary>The training part of time for one variable, laid out [hour, station], plus which stations a model may
/// use (<see cref="Visible"/>: hidden stations and stations without coordinates are false). Folds of one evaluation
/// share the arrays and the caches (<see cref="WithHidden"/>), so per-fold fits cost little.</summary>
public sealed class SpatialTrainingData
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _cache;
    private readonly Lazy<double[]> _distances;

    public SpatialTrainingData(IReadOnlyList<Station> stations, int hours, float[] values, bool[] observed)
        : this(stations, hours, values, observed, stations.Select(s => s.HasCoordinates).ToArray(), new(), null) { }

    private SpatialTrainingData(IReadOnlyList<Station> stations, int hours, float[] values, bool[] observed, bool[] visible,
        ConcurrentDictionary<string, Lazy<object>> cache, Lazy<double[]>? distances)
    {
        Guard.AtLeast(hours, 0, nameof(hours));
        if (values.Length != hours * stations.Count || observed.Length != values.Length)
            throw new ArgumentException($"values ({values.Length}) and observed ({observed.Length}) must both hold hours × stations = {hours} × {stations.Count}");
        Stations = stations;
        Hours = hours;
        Values = values;
        Observed = observed;
        Visible = visible;
        _cache = cache;
        _distances = distances ?? new Lazy<double[]>(ComputeDistances);
    }

    /// <summary>The variable's hours [start, end) of a panel. Values where the mask is false are NaN.</summary>
    public static SpatialTrainingData FromPanel(Panel panel, string variable, int start, int end)
    {
        if (start < 0 || end > panel.Hours || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"training hours [{start}, {end}) are not within the panel's [0, {panel.Hours})");
        var v = panel.VariableIndex(variable);
        var s = panel.S;
        var values = new float[(end - start) * s];
        var observed = new bool[values.Length];
        for (var t = start; t < end; t++)
            for (var i = 0; i < s; i++)
            {
                var p = panel.Index(t, i, v);
                var o = (t - start) * s + i;
                observed[o] = panel.Mask[p];
                values[o] = panel.Mask[p] ? panel.Values[p] : float.NaN;
            }
        return new SpatialTrainingData(panel.Stations, end - start, values, observed);
    }

    public IReadOnlyList<Station> Stations { get; }
    public int Hours { get; }

    /// <summary>[hour, station] values, NaN where not observed.</summary>
    public float[] Values { get; }

    /// <summary>[hour, station], true where observed.</summary>
    public bool[] Observed { get; }

    /// <summary>Per station: may a model use its position and data? False for hidden stations and those without coordinates.</summary>
    public bool[] Visible { get; }

    /// <summary>The same data with the given station indices hidden (sharing arrays and caches).</summary>
    public SpatialTrainingData WithHidden(IEnumerable<int> hidden)
    {
        var visible = Stations.Select(s => s.HasCoordinates).ToArray();
        foreach (var h in hidden) visible[h] = false;
        return new SpatialTrainingData(Stations, Hours, Values, Observed, visible, _cache, _distances);
    }

    /// <summary>[station, station] great-circle distances, km (NaN where a station has no coordinates); computed once.</summary>
    public double[] StationDistancesKm => _distances.Value;

    /// <summary>A value computed once per key and shared by all folds (e.g. pair statistics of a variogram).</summary>
    internal T Cached<T>(string key, Func<T> make) where T : class =>
        (T)_cache.GetOrAdd(key, _ => new Lazy<object>(() => make())).Value;

    private double[] ComputeDistances()
    {
        var n = Stations.Count;
        var pts = Stations.Select(GeoPoint.Of).ToArray();
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
                d[i * n + j] = d[j * n + i] = pts[i] is { } a && pts[j] is { } b ? Geodesy.DistanceKm(a, b) : double.NaN;
        return d;
    }
}
