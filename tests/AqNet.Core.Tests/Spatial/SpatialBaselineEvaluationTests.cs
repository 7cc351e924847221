using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Tests.Spatial;

public class SpatialBaselineEvaluationTests
{
    // A, B, C at 0°, 1°, 3°E. Hour 0: 10, 20, 40. Hour 1: 10, missing, 40.
    private static readonly Station[] Abc = [Fixtures.At("A", 0, 0), Fixtures.At("B", 1, 0), Fixtures.At("C", 3, 0)];
    private static readonly Panel Tiny = Fixtures.Panel(Abc, [[10, 20, 40], [10, float.NaN, 40]]);
    private static readonly SpatialEvaluationOptions AllHours = new() { TestHours = (0, 2), TrainHours = (0, 2) };

    private static SpatialMetricRow Row(IReadOnlyList<SpatialMetricRow> rows, string model, string station) =>
        rows.Single(r => r.Model == model && r.Station == station);

    [Fact]
    public void Leave_one_station_out_by_hand()
    {
        var rows = SpatialBaselineEvaluation.Run(Tiny, AllHours, [new NearestInterpolator(), new MeanInterpolator()]);
        // nearest: A@0 ← B 20 (+10), A@1 ← C 40 (+30), B@0 ← A 10 (−10), C@0 ← B 20 (−20), C@1 ← A 10 (−30).
        // y = 10, 10, 20, 40, 40: ȳ = 24, SST = 920; SSE = 2400.
        var n = Row(rows, "nearest", "all");
        Assert.Equal((SpatialTask.Nowcast, "0h", 5L), (n.Task, n.Horizon, n.N));
        Assert.Equal(20, n.Mae, 12);
        Assert.Equal(Math.Sqrt(480), n.Rmse, 12);
        Assert.Equal(1 - 2400.0 / 920, n.R2, 12);
        Assert.Equal((20.0, 2L), (Row(rows, "nearest", "A").Mae, Row(rows, "nearest", "A").N));
        Assert.Equal(1L, Row(rows, "nearest", "B").N);
        // mean: A@0 30 (+20), A@1 40 (+30), B@0 25 (+5), C@0 15 (−25), C@1 10 (−30) → MAE 110 / 5.
        Assert.Equal(22, Row(rows, "mean", "all").Mae, 12);
        Assert.Equal(new[] { "all", "A", "B", "C" }, rows.Where(r => r.Model == "mean").Select(r => r.Station));
    }

    [Fact]
    public void Ahead_scores_the_estimate_at_t_against_the_observation_at_t_plus_h()
    {
        var rows = SpatialBaselineEvaluation.Run(Tiny, AllHours with { AheadHours = [1] }, [new NearestInterpolator()]);
        // Issue hour 0 only (0 + 1 < 2): A@0 ← B 20 vs A@1 = 10 (+10); B@1 is missing; C@0 ← B 20 vs C@1 = 40 (−20).
        var ahead = rows.Single(r => r.Task == SpatialTask.Ahead && r.IsPooled);
        Assert.Equal(("1h", 2L), (ahead.Horizon, ahead.N));
        Assert.Equal(15, ahead.Mae, 12);
        Assert.Equal(Math.Sqrt(250), ahead.Rmse, 12);
        Assert.Equal(5L, rows.Single(r => r.Task == SpatialTask.Nowcast && r.IsPooled).N);   // nowcast unchanged
        Assert.Throws<InputException>(() => SpatialBaselineEvaluation.Run(Tiny, AllHours with { AheadHours = [0] }));
    }

    [Fact]
    public void Holdout_scores_only_the_hidden_stations()
    {
        var rows = SpatialBaselineEvaluation.Run(Tiny, AllHours with { Protocol = SpatialProtocol.Holdout(["C"]) }, [new IdwInterpolator()]);
        Assert.Equal(["all", "C"], rows.Select(r => r.Station));
        // C@0: (20/2² + 10/3²) / (1/4 + 1/9) = (55/9) / (13/36) = 220/13; C@1: only A → 10.
        Assert.Equal(((40 - 220.0 / 13) + 30) / 2, rows[0].Mae, 4);
    }

    [Fact]
    public void Default_split_tests_the_last_fifth_and_trains_before_it()
    {
        var rows10 = Enumerable.Range(0, 10).Select(t => new float[] { t, 2 * t + 1, 3 * t + 2 }).ToArray();
        var rows = SpatialBaselineEvaluation.Run(Fixtures.Panel(Abc, rows10), null, [new NearestInterpolator()]);
        Assert.Equal(6L, Row(rows, "nearest", "all").N); // hours 8 and 9 × 3 stations
    }

    [Fact]
    public void Default_models_include_kriging()
    {
        var rows10 = Enumerable.Range(0, 10).Select(t => new float[] { 10 + t, 20 + t, 40 - t }).ToArray();
        var rows = SpatialBaselineEvaluation.Run(Fixtures.Panel(Abc, rows10));
        Assert.Equal(["mean", "nearest", "idw", "kriging"], rows.Select(r => r.Model).Distinct());
        Assert.All(rows, r => Assert.Equal(r.Station == "all" ? 6 : 2, r.N));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 3)]
    [InlineData(-1, 1)]
    public void Rejects_bad_test_ranges(int start, int end) =>
        Assert.Contains("test hours", Assert.Throws<InputException>(() => SpatialBaselineEvaluation.Run(Tiny, new() { TestHours = (start, end), TrainHours = (0, 1) })).Message);

    [Fact]
    public void Rejects_an_empty_training_part() =>
        Assert.Contains("training hours", Assert.Throws<InputException>(() => SpatialBaselineEvaluation.Run(Tiny, new() { TestHours = (0, 2) })).Message);
}
