using AqNet.Core.Grid;

namespace AqNet.Core.Tests.Grid;

public sealed class AnnualSummaryTests
{
    [Fact]
    public void A_daily_mean_needs_enough_hours()
    {
        // 3 hours × 2 cells, [hour, cell]: cell 0 has 3 values, cell 1 only 2.
        float[] v = [1, 10, 2, float.NaN, 6, 20];
        var r = new float[2];
        AnnualAccumulator.DailyMean(v, 3, 3, r);
        Assert.Equal([3f, float.NaN], r);
        AnnualAccumulator.DailyMean(v, 3, 2, r);
        Assert.Equal([3f, 15f], r);
    }

    [Fact]
    public void Annual_mean_valid_days_and_days_above_the_limits()
    {
        var a = new AnnualAccumulator(3);
        a.AddDay([10, 20, float.NaN]);
        a.AddDay([16, 80, float.NaN]);
        a.AddDay([15, 75, 5]); // exactly at a limit is not above it
        var s = a.Take(2016);
        Assert.Equal(2016, s.Year);
        Assert.Equal([41f / 3, 175f / 3, 5f], s.Mean);
        Assert.Equal(new short[] { 3, 3, 1 }, s.Days);
        Assert.Equal(new short[] { 1, 3, 0 }, s.DaysAbove[0]); // WHO 2021: > 15
        Assert.Equal(new short[] { 0, 1, 0 }, s.DaysAbove[1]); // GB 3095-2012 grade II: > 75
        var next = a.Take(2017);
        Assert.Equal([float.NaN, float.NaN, float.NaN], next.Mean); // Take starts afresh
    }

    [Fact]
    public void The_report_aggregates_tiles_and_reads_the_station_cells()
    {
        var report = new SummaryReport([new StationCell("A", true, 1), new StationCell("B", false, 2)]);
        var a = new AnnualAccumulator(2);
        a.AddDay([10, 20]);
        report.Add(a.Take(2016), 0, 1);     // cells 0, 1
        a = new AnnualAccumulator(1);
        a.AddDay([100]);
        report.Add(a.Take(2016), 2, 1);     // cell 2
        var y = Assert.Single(report.Years);
        Assert.Equal((3L, 130.0, 10.0, 100.0), (y.Cells, y.SumMean, y.MinMean, y.MaxMean));
        Assert.Equal([2.0, 1.0], y.SumAbove);
        var md = report.Markdown("t", ["note"]);
        Assert.Contains("| 2016 | 1 | 43.3 (10.0–100.0) | 0.7 (1) | 0.3 (1) |", md);
        Assert.Contains("| A | yes | 2016 | 1 | 20.0 | 1 | 0 |", md);
        Assert.Contains("| B | no (held out) | 2016 | 1 | 100.0 | 1 | 1 |", md);
    }
}
