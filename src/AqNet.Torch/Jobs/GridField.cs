using AqNet.Core.NetCdf;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Jobs;

/// <summary>Turns hourly estimates into output steps (hours, or means over the hours of a day) and writes each step
/// to the NetCDF file as soon as it is complete. Keeps in memory only what the maps need: the slices chosen by
/// <c>keep</c>, a running sum for the period mean, and a sample of values for the colour range.</summary>
internal sealed class GridField(int steps, int cells, Func<int, bool> keep)
{
    private readonly Dictionary<int, float[]> _kept = [];
    private readonly double[] _periodSum = new double[cells];
    private readonly int[] _periodCount = new int[cells];
    private readonly List<float> _sample = [];
    private readonly double[] _sum = new double[cells], _spread = new double[cells];
    private readonly int[] _count = new int[cells];
    private int _step, _hoursInStep;

    public int Steps => steps;

    /// <summary>Adds estimate hours [0, e.Hours) as job hours h0.. of the output steps (First, Count).</summary>
    public void Add(KnnEstimate e, int h0, IReadOnlyList<(DateTime Time, int First, int Count)> stepList, NetCdfWriter nc)
    {
        var hz = Math.Max(0, e.Horizons.ToList().IndexOf(0)); // the nowcast output (0 h) when the model has one
        for (var i = 0; i < e.Hours; i++)
        {
            for (var p = 0; p < cells; p++)
            {
                var m = e.Mean[e.Index(i, p, hz)];
                if (float.IsNaN(m)) continue;
                _sum[p] += m;
                _spread[p] += e.Spread[e.Index(i, p, hz)];
                _count[p]++;
            }
            if (++_hoursInStep == stepList[_step].Count) Flush(nc);
        }
    }

    /// <summary>Writes the current step (if it has hours) and starts the next.</summary>
    public void Flush(NetCdfWriter nc)
    {
        if (_hoursInStep == 0 || _step >= steps) return;
        var mean = new float[cells];
        var spread = new float[cells];
        for (var p = 0; p < cells; p++)
        {
            mean[p] = _count[p] == 0 ? float.NaN : (float)(_sum[p] / _count[p]);
            spread[p] = _count[p] == 0 ? float.NaN : (float)(_spread[p] / _count[p]);
            if (_count[p] > 0) { _periodSum[p] += mean[p]; _periodCount[p]++; }
            if (_count[p] > 0 && (p * 31 + _step) % 97 == 0) _sample.Add(mean[p]);
        }
        nc.WriteTimeSlice(_step, "pm25", mean);
        nc.WriteTimeSlice(_step, "pm25_uncertainty", spread);
        if (keep(_step)) _kept[_step] = mean;
        Array.Clear(_sum); Array.Clear(_spread); Array.Clear(_count);
        _hoursInStep = 0;
        _step++;
    }

    public float[] Slice(int step) => _kept[step];

    public float[] PeriodMean() => [.. _periodSum.Select((s, p) => _periodCount[p] == 0 ? float.NaN : (float)(s / _periodCount[p]))];

    /// <summary>One colour scale for all maps: 0 to the 99th percentile of the sampled values.</summary>
    public (double Min, double Max) Range()
    {
        if (_sample.Count == 0) return (0, 1);
        var sorted = _sample.Order().ToList();
        return (0, Math.Max(1, sorted[(int)(0.99 * (sorted.Count - 1))]));
    }
}
