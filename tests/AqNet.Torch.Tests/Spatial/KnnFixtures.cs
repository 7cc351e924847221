using AqNet.Core.Data;
using AqNet.Core.Splitting;
using AqNet.Torch.Spatial;

namespace AqNet.Torch.Tests.Spatial;

/// <summary>A tiny smooth synthetic field: 9 stations on a 3 × 3 lattice about 10 km apart, 6 pollutants, hourly.
/// PM2.5 = a daily cycle shared by all + a west–east gradient + a slow wave travelling east + noise; the other
/// pollutants are fixed multiples of PM2.5. About 3% of values are missing.</summary>
internal static class KnnFixtures
{
    public static Panel Panel(int hours = 360, int seed = 3)
    {
        var stations = new List<Station>();
        for (var i = 0; i < 9; i++)
            stations.Add(new Station("S" + i.ToString(Fmt.Inv), "Station " + i.ToString(Fmt.Inv), 116.2 + 0.12 * (i % 3), 39.8 + 0.09 * (i / 3), i < 5 ? "West" : "East"));
        var panel = new Panel(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), hours, stations, Variables.Pollutants);
        var rng = new Random(seed);
        for (var t = 0; t < hours; t++)
            for (var s = 0; s < 9; s++)
            {
                var x = s % 3;
                var pm = 60 + 25 * Math.Sin(2 * Math.PI * t / 24) + 15 * x + 20 * Math.Sin(2 * Math.PI * (t - 8 * x) / 72) + 3 * rng.NextDouble();
                for (var v = 0; v < 6; v++)
                    if (rng.NextDouble() > 0.03) panel.Set(t, s, v, (float)(pm * (1 + 0.4 * v)));
            }
        return panel;
    }

    public static (HourRange Train, HourRange Validation) Ranges(int hours = 360) => (new HourRange(0, hours * 6 / 10), new HourRange(hours * 6 / 10 + 10, hours * 8 / 10));

    public static NeuralKnnOptions Options => new()
    {
        Window = 6, Ks = [2, 4], Hidden = 8, Heads = 2, GeoHidden = 4, ScoreHidden = 8, DecoderHidden = 8, Dropout = 0,
    };

    public static NeuralKnnTrainOptions Train(int epochs = 1, int steps = 3, Action<KnnBatchInfo>? onBatch = null) => new()
    {
        Epochs = epochs, StepsPerEpoch = steps, BatchHours = 8, ValidationHours = 16, Seed = 5, Patience = 0, OnBatch = onBatch,
    };

    public static NeuralKnnEstimator Trained(Panel panel, IReadOnlyCollection<string> hidden, NeuralKnnTrainOptions? t = null, bool krigingBase = false)
    {
        var (train, val) = Ranges(panel.Hours);
        return NeuralKnnEstimator.Train(panel, hidden, train, val, Options with { KrigingBase = krigingBase }, t ?? Train(), null, default);
    }
}
