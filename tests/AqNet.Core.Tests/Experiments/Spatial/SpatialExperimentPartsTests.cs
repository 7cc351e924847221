using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Spatial;

namespace AqNet.Core.Tests.Experiments.Spatial;

public class SpatialExperimentPartsTests
{
    private static Panel Panel()
    {
        Station[] st =
        [
            new("A", "A", 116.3, 39.9, "Beijing"), new("B", "B", 116.4, 39.95, "Beijing"),
            new("C", "C", null, null), new("D", "D", 117.2, 39.1, "Tianjin"),
        ];
        var p = new Panel(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 5, st, [Variables.Pm25, Variables.Pm10]);
        for (var t = 0; t < 5; t++) for (var s = 0; s < 4; s++) p.Set(t, s, 0, 10 * s + t, (byte)s);
        p.Set(2, 1, 1, 99);
        return p;
    }

    [Fact]
    public void Hidden_stations_are_removed_not_masked_and_data_is_copied_intact()
    {
        var p = Panel();
        var v = PanelStations.WithoutHidden(p, ["B"]);
        Assert.Equal(["A", "D"], v.Stations.Select(s => s.Id)); // C has no coordinates, B is hidden
        Assert.Equal(p.Values[p.Index(3, 3, 0)], v.Values[v.Index(3, 1, 0)]);
        Assert.Equal(p.Flags[p.Index(3, 3, 0)], v.Flags[v.Index(3, 1, 0)]);
        Assert.False(v.Mask[v.Index(2, 1, 1)]);
        Assert.Contains("'Z'", Assert.Throws<InputException>(() => PanelStations.WithoutHidden(p, ["Z"])).Message);
        Assert.Throws<InputException>(() => PanelStations.WithoutHidden(p, ["A", "B"]));
    }

    [Fact]
    public void Split_puts_the_test_last_like_the_baseline_evaluation_with_gaps()
    {
        var s = SpatialSplit.Of(35064, 0.2, 0.1, 24, 0);
        Assert.Equal(new global::AqNet.Core.Splitting.HourRange(28051, 35064), s.Test);   // 35064 − round(0.2 × 35064)
        Assert.Equal(s.Test.Start - 24, s.Validation.End);
        Assert.Equal(s.Validation.Start - 24, s.Train.End);
        Assert.Equal(3506, s.Validation.Length);
        Assert.Throws<InputException>(() => SpatialSplit.Of(100, 0.2, 0.1, 24, 24));
    }

    [Fact]
    public void Error_sums_give_mae_rmse_r2_and_reject_NaN_naming_the_parameter()
    {
        var e = new SpatialErrorSums();
        e.Add(10, 12); e.Add(20, 18); e.Add(30, 33);
        var r = e.Row("idw", SpatialTask.Nowcast, 0, SpatialMetricRow.AllStations);
        Assert.Equal(7.0 / 3, r.Mae, 10);
        Assert.Equal(Math.Sqrt(17.0 / 3), r.Rmse, 10);
        Assert.Equal(1 - 17.0 / 200, r.R2, 10);
        Assert.Equal(("0h", 3L), (r.Horizon, r.N));
        Assert.Equal("estimate", Assert.Throws<ArgumentOutOfRangeException>(() => e.Add(1, double.NaN)).ParamName);
        Assert.True(double.IsNaN(new SpatialErrorSums().Row("x", SpatialTask.Ahead, 6, "A").Mae));
    }

    [Fact]
    public void Results_json_report_and_per_city_maps_are_written()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aqnet-spatial-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        SpatialMetricRow[] rows =
        [
            new("idw", SpatialTask.Nowcast, "0h", "all", 12.8, 24.6, 0.91, 100), new("idw", SpatialTask.Nowcast, "0h", "A", 10, 20, 0.9, 50),
            new("idw", SpatialTask.Nowcast, "0h", "D", 15, 29, 0.8, 50), new("aqnet-knn", SpatialTask.Nowcast, "0h", "all", 11, 22, 0.93, 100),
            new("aqnet-knn", SpatialTask.Nowcast, "0h", "A", 9, 18, 0.92, 50), new("aqnet-knn", SpatialTask.Nowcast, "0h", "D", double.NaN, double.NaN, double.NaN, 0),
        ];
        var r = new SpatialExperimentResult(new Dictionary<string, object?> { ["name"] = "loso" }, rows);
        SpatialResultsWriter.Write(Path.Combine(dir, "results.json"), r);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
        var first = doc.RootElement.GetProperty("rows")[0];
        Assert.Equal(["model", "task", "horizon", "station", "mae", "rmse", "r2", "n"], first.EnumerateObject().Select(x => x.Name));
        Assert.Equal(("nowcast", "all"), (first.GetProperty("task").GetString(), first.GetProperty("station").GetString()));
        Assert.Equal("NaN", doc.RootElement.GetProperty("rows")[5].GetProperty("mae").GetString());
        var md = SpatialReportWriter.Render(r, ["Leave-one-station-out."]);
        Assert.Contains("## nowcast: pooled over hidden stations and test hours", md);
        Assert.Contains("| aqnet-knn | 11.00 | 22.00 | 0.930 | 100 |", md);
        Assert.Contains("| A | 10.00 | 9.00 | 50 |", md);
        Assert.DoesNotContain("per city, pooled", md);
        // Per city: A and D in one city, B in another. idw pools A (MAE 10, RMSE 20, n 50) and D (15, 29, 50):
        // MAE (10·50 + 15·50) / 100 = 12.5, RMSE √((400·50 + 841·50) / 100) = √620.5 = 24.91; aqnet-knn has no rows at D.
        SpatialMetricRow[] withB = [.. rows, new("idw", SpatialTask.Nowcast, "0h", "B", 8, 10, 0.9, 20), new("aqnet-knn", SpatialTask.Nowcast, "0h", "B", 6, 7, 0.95, 20)];
        var byCity = SpatialReportWriter.Render(r with { Rows = withB }, ["x"], new Dictionary<string, string> { ["A"] = "Beijing", ["D"] = "Beijing", ["B"] = "Tianjin" });
        Assert.Contains("| Beijing | 2 | 12.50 / 24.91 | 9.00 / 18.00 | 100 |", byCity);
        Assert.Contains("| Tianjin | 1 | 8.00 / 10.00 | 6.00 / 7.00 | 20 |", byCity);
        var maps = SpatialFigures.Write(Path.Combine(dir, "figures"), Panel().Stations, rows);
        Assert.Equal(["mae_idw", "mae_idw_Beijing", "mae_idw_Tianjin", "mae_aqnet-knn", "mae_aqnet-knn_Beijing"], maps.Select(Path.GetFileNameWithoutExtension));
        Assert.All(maps, m => Assert.True(new FileInfo(m).Length > 1000));
        Assert.Equal(11.0, r.Pooled("aqnet-knn")!.Mae);
        Assert.Null(r.Pooled("aqnet-knn", SpatialTask.Ahead, 6));
        Assert.Equal([true, false, false, true, false, false], rows.Select(x => x.IsPooled));
    }

    [Fact]
    public void Options_reject_bad_values_with_clear_messages()
    {
        var o = new SpatialExperimentOptions { OutputDir = "x" };
        o.Validate();
        Assert.Contains("loso or holdout", Assert.Throws<InputException>(() => (o with { Protocol = (SpatialProtocolKind)7 }).Validate()).Message);
        Assert.Contains("holdout only", Assert.Throws<InputException>(() => (o with { HiddenRatio = 0.2 }).Validate()).Message);
        Assert.Throws<InputException>(() => (o with { Protocol = SpatialProtocolKind.Holdout, HiddenRatio = double.NaN }).Validate());
        Assert.Throws<InputException>(() => (o with { Ks = [0] }).Validate());
        Assert.Equal("holdout", (o with { Protocol = SpatialProtocolKind.Holdout, HiddenIds = ["A"] }).SpatialProtocol().Name);
        Assert.Equal((SpatialProtocolKind.Loso, "loso"), (o.SpatialProtocol().Kind, o.SpatialProtocol().Name));
        Assert.Equal(SpatialProtocolKind.Holdout, (o with { Protocol = SpatialProtocolKind.Holdout }).SpatialProtocol().Kind);
    }
}
