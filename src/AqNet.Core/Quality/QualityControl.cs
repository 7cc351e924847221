using System.Buffers;
using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Core.Quality;

/// <summary>Flags suspicious values of an imported batch (bounds, isolated spikes, constant runs, PM2.5 above PM10)
/// in each SeriesBuilder's <see cref="SeriesBuilder.DenseFlags"/>. It only marks values: values, masks and
/// series are never changed or removed. Running it again gives the same flags (all bits but the importer's
/// <see cref="QcFlags.Reconciled"/> are recomputed). See docs/quality-control.md.</summary>
public static class QualityControl
{
    public static QcReport Apply(ImportBatch batch, QcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var o = options ?? QcOptions.Default;
        // Every rule reads one station's own series only: stations run on all cores (the national network has ~1,600).
        var stations = batch.Series.GroupBy(kv => kv.Key.Station, StringComparer.Ordinal).Select(g => g.Select(kv => kv.Value).ToArray()).ToArray();
        var counts = new QcCounts[stations.Length][];
        Parallel.For(0, stations.Length, k => counts[k] = ApplyStation(stations[k], o));
        var perSeries = new Dictionary<(string, string), QcCounts>();
        for (var k = 0; k < stations.Length; k++)
            for (var j = 0; j < stations[k].Length; j++) perSeries[(stations[k][j].StationId, stations[k][j].Variable)] = counts[k][j];
        return new QcReport(perSeries);
    }

    /// <summary>All rules on one station's series (its PM2.5 and PM10 are compared with each other), flags written into
    /// each series' <see cref="SeriesBuilder.DenseFlags"/>; returns the counts per series, in the given order. An ingest
    /// calls this per station while the store is written (<see cref="Store.StoreWriter"/>). The dense values and masks
    /// live in pooled buffers: allocating them per series was a tenth of an ingest's fresh memory.</summary>
    public static QcCounts[] ApplyStation(IReadOnlyList<SeriesBuilder> series, QcOptions o)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(o);
        var masks = new bool[series.Count][];
        var values = new float[series.Count][];
        try
        {
            int pm25 = -1, pm10 = -1;
            for (var k = 0; k < series.Count; k++)
            {
                var s = series[k];
                var n = s.Length;
                values[k] = n > 0 ? ArrayPool<float>.Shared.Rent(n) : [];   // an empty series has nothing to check
                masks[k] = n > 0 ? ArrayPool<bool>.Shared.Rent(n) : [];
                var v = values[k].AsSpan(0, n);
                var m = masks[k].AsSpan(0, n);
                s.DenseInto(v, m);
                var f = s.DenseFlags();
                for (var i = 0; i < f.Length; i++) f[i] &= QcFlagBits.Importer;
                if (o.Bounds.TryGetValue(s.Variable, out var b)) QcRules.Bounds(v, m, f, b.Min, b.Max);
                if (o.SpikeMinSpread.TryGetValue(s.Variable, out var spikeFloor))
                    QcRules.Spikes(v, m, f, o.SpikeHalfWindow, o.SpikeMinNeighboursPerSide, o.SpikeK, spikeFloor);
                if (o.ConstantRunHours > 0)
                    QcRules.ConstantRuns(v, m, f, o.ConstantRunHours, o.ConstantRunFloor.TryGetValue(s.Variable, out var runFloor) ? runFloor : null);
                if (s.Variable == Variables.Pm25) pm25 = k;
                else if (s.Variable == Variables.Pm10) pm10 = k;
            }
            if (pm25 >= 0 && pm10 >= 0)
                Pm25AbovePm10(series[pm25], values[pm25], masks[pm25], series[pm10], values[pm10], masks[pm10], o.Pm25AbovePm10Tolerance);
            var counts = new QcCounts[series.Count];
            for (var k = 0; k < series.Count; k++) counts[k] = QcCounts.Count(masks[k].AsSpan(0, series[k].Length), series[k].Flags);
            return counts;
        }
        finally
        {
            foreach (var v in values) if (v is { Length: > 0 }) ArrayPool<float>.Shared.Return(v);
            foreach (var m in masks) if (m is { Length: > 0 }) ArrayPool<bool>.Shared.Return(m);
        }
    }

    /// <summary>Both values get the flag: from one station's data alone we cannot tell which instrument is wrong.</summary>
    private static void Pm25AbovePm10(SeriesBuilder a, float[] av, bool[] am, SeriesBuilder b, float[] bv, bool[] bm, double tolerance)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var j = a.FirstHour + i - b.FirstHour;
            if (j < 0 || j >= b.Length || !am[i] || !bm[j]) continue;
            if (av[i] > bv[j] + tolerance)
            {
                a.Flags[i] |= (byte)QcFlags.Pm25AbovePm10;
                b.Flags[j] |= (byte)QcFlags.Pm25AbovePm10;
            }
        }
    }
}
