using AqNet.Core.Impute;
using AqNet.Core.Preprocessing;
using AqNet.Core.Spatial;

namespace AqNet.Torch.Impute;

/// <summary>What the batch builder reads for one task: values [T, S] in µg/m³, the scaler (fitted on training cells),
/// the cyclic time encoding [T, C] in the network's local time, and per station its K nearest visible stations with
/// distance and bearing. Hidden stations are never anybody's neighbour.</summary>
internal sealed class StGraph
{
    /// <param name="kriging">[T, S] same-hour kriging estimates at the stations (µg/m³, NaN where none): the target's base
    /// for gaps too long to interpolate in time.</param>
    public StGraph(ImputeTask task, bool[] hidden, int k, float mean, float std, float[] kriging, int shortGapHours)
    {
        ShortGapHours = shortGapHours;
        Kriging = kriging;
        T = task.T; S = task.S;
        Values = task.Truth;
        Mean = mean; Std = std;
        C = CyclicEncoding.Names.Count;
        Time = new float[T * C];
        for (var t = 0; t < T; t++) CyclicEncoding.Encode(task.Panel.TimeAt(t), task.UtcOffsetHours, Time.AsSpan(t * C, C));
        K = k;
        Nodes = new int[S * K];
        Geometry = new float[S * K * 3];
        Taper = new float[S * K];
        Array.Fill(Nodes, -1);
        var pts = task.Stations.Select(GeoPoint.Of).ToArray();
        PairKm = new float[S * S];
        for (var a = 0; a < S; a++)
            for (var c = a + 1; c < S; c++)
                PairKm[a * S + c] = PairKm[c * S + a] = pts[a] is { } pa && pts[c] is { } pc ? (float)Math.Max(Geodesy.DistanceKm(pa, pc), 0.01) : float.NaN;
        var visible = Enumerable.Range(0, S).Count(j => !hidden[j] && pts[j] is not null);
        for (var s = 0; s < S; s++)
        {
            if (pts[s] is not { } p) continue;
            var order = Enumerable.Range(0, S).Where(j => j != s && !hidden[j] && pts[j] is not null)
                .Select(j => (j, d: Geodesy.DistanceKm(p, pts[j]!.Value))).OrderBy(x => x.d).ThenBy(x => x.j).Take(k + 1).ToArray();
            // With at most K + 1 visible stations a visible station never has a (K + 1)-th to taper against, so a place
            // without a station must not either: the taper would be a configuration the model never trained on.
            var next = order.Length > k && visible > k + 1 ? order[k].d : double.PositiveInfinity;
            for (var n = 0; n < Math.Min(k, order.Length); n++)
            {
                var (j, d) = order[n];
                Nodes[s * K + n] = j;
                Taper[s * K + n] = double.IsPositiveInfinity(next) ? 1 : (float)Math.Clamp((next - d) / (TaperShare * next), 0, 1);
                var bearing = Geodesy.InitialBearingDeg(p, pts[j]!.Value) * Math.PI / 180;
                Geometry[(s * K + n) * 3] = (float)Math.Log(1 + d / 10);   // log distance: the same scale from city to national networks
                Geometry[(s * K + n) * 3 + 1] = (float)Math.Sin(bearing);
                Geometry[(s * K + n) * 3 + 2] = (float)Math.Cos(bearing);
            }
        }
    }

    public int T { get; }
    public int S { get; }
    public int C { get; }
    public int K { get; }
    /// <summary>In training: the kriging asked again at hours where the sample's pattern hides neighbours' values, so the
    /// target's base never reads a hidden value (null at estimation, where <see cref="Kriging"/> already excludes them).</summary>
    public SameHourCell? KrigingCell { get; init; }
    /// <summary>Gaps up to this many hours get the linear fill as the base estimate.</summary>
    public int ShortGapHours { get; }
    /// <summary>Each station's regression on its neighbours at the same hour, from its own history (training cells only);
    /// the target's regression estimate is a feature. Null: no station has one.</summary>
    public StationRegression? Regression { get; init; }
    public float[] Values { get; }
    /// <summary>[T, S] kriging from the other stations at the same hour, µg/m³ (NaN where none).</summary>
    public float[] Kriging { get; }
    public float Mean { get; }
    public float Std { get; }
    public float[] Time { get; }
    /// <summary>[S, K] neighbour station indices, −1 where a station has fewer than K.</summary>
    public int[] Nodes { get; }
    /// <summary>[S, K, 3] log(1 + km/10), sin and cos of the bearing from the station to the neighbour.</summary>
    public float[] Geometry { get; }
    /// <summary>[S, K] each neighbour's weight in [0, 1]: 1 unless it is nearly as far as the nearest station left out, falling
    /// to 0 where the two are equally far. Where a place's set of nearest stations changes, the station leaving and the
    /// one entering both weigh 0, so estimates on a grid do not jump between cells.</summary>
    public float[] Taper { get; }
    /// <summary>The taper starts this share of the left-out station's distance before it.</summary>
    public const double TaperShare = 0.2;
    /// <summary>[S, S] distances between stations, km (NaN without coordinates).</summary>
    public float[] PairKm { get; }

    public float Scale(float v) => (v - Mean) / Std;
    public float Unscale(float z) => z * Std + Mean;
}
