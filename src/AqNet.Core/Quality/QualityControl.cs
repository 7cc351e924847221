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
        // The per-series rules are independent: run them on all cores (the national network has ~10,000 series).
        var series = batch.Series.ToArray();
        var results = new (float[] V, bool[] M, byte[] F, int First)[series.Length];
        Parallel.For(0, series.Length, k =>
        {
            var s = series[k].Value;
            var (v, m) = s.Dense();
            var f = s.DenseFlags();
            for (var i = 0; i < f.Length; i++) f[i] &= (byte)QcFlags.Reconciled;
            if (o.Bounds.TryGetValue(s.Variable, out var b)) QcRules.Bounds(v, m, f, b.Min, b.Max);
            if (o.SpikeMinSpread.TryGetValue(s.Variable, out var spikeFloor))
                QcRules.Spikes(v, m, f, o.SpikeHalfWindow, o.SpikeMinNeighboursPerSide, o.SpikeK, spikeFloor);
            if (o.ConstantRunHours > 0)
                QcRules.ConstantRuns(v, m, f, o.ConstantRunHours, o.ConstantRunFloor.TryGetValue(s.Variable, out var runFloor) ? runFloor : null);
            results[k] = (v, m, f, s.FirstHour);
        });
        var dense = new Dictionary<(string, string), (float[] V, bool[] M, byte[] F, int First)>(series.Length);
        for (var k = 0; k < series.Length; k++) dense[series[k].Key] = results[k];
        // Each station's PM2.5/PM10 pair touches only its own two series: stations run in parallel as well.
        var pairs = dense.Where(kv => kv.Key.Item2 == Variables.Pm25 && dense.ContainsKey((kv.Key.Item1, Variables.Pm10)))
            .Select(kv => (Pm25: kv.Value, Pm10: dense[(kv.Key.Item1, Variables.Pm10)])).ToArray();
        Parallel.ForEach(pairs, pair =>
        {
            var (pm25, pm10) = pair;
            // Both values get the flag: from one station's data alone we cannot tell which instrument is wrong.
            for (var i = 0; i < pm25.V.Length; i++)
            {
                var j = pm25.First + i - pm10.First;
                if (j < 0 || j >= pm10.V.Length || !pm25.M[i] || !pm10.M[j]) continue;
                if (pm25.V[i] > pm10.V[j] + o.Pm25AbovePm10Tolerance)
                {
                    pm25.F[i] |= (byte)QcFlags.Pm25AbovePm10;
                    pm10.F[j] |= (byte)QcFlags.Pm25AbovePm10;
                }
            }
        });
        var counts = new QcCounts[series.Length];
        Parallel.For(0, series.Length, k => counts[k] = QcCounts.Count(results[k].M, results[k].F));
        return new QcReport(Enumerable.Range(0, series.Length).ToDictionary(k => series[k].Key, k => counts[k]));
    }
}
