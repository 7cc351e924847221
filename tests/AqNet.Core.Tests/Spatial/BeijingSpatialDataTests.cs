using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Spatial;
using AqNet.Tests;
using Xunit.Abstractions;

namespace AqNet.Core.Tests.Spatial;

/// <summary>Real-data check of the classical baselines on UCI Beijing (12 stations), leave-one-station-out at the same hour.</summary>
public class BeijingSpatialDataTests(ITestOutputHelper output)
{
    private static readonly Lazy<Panel> Pm25 = new(() =>
    {
        var zip = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        return PanelBuilder.FromBatch(Importers.Read("prsa", [zip], new ImportOptions(), null, default), [Variables.Pm25]);
    });

    private IReadOnlyList<SpatialMetricRow> Run(SpatialEvaluationOptions o)
    {
        var rows = SpatialBaselineEvaluation.Run(Pm25.Value, o);
        foreach (var r in rows.Where(r => r.Station == "all"))
            output.WriteLine($"{r.Model,-8} MAE {Fmt.F(r.Mae, 2)} RMSE {Fmt.F(r.Rmse, 2)} R2 {Fmt.F(r.R2, 3)} n {r.N}");
        return rows;
    }

    private static void Near(IReadOnlyList<SpatialMetricRow> rows, string model, double mae, double rmse, double tol)
    {
        var r = rows.Single(x => x.Model == model && x.Station == "all");
        Assert.True(Math.Abs(r.Mae - mae) <= tol, $"{model} MAE {Fmt.F(r.Mae, 2)}, expected {mae} ± {tol}");
        Assert.True(Math.Abs(r.Rmse - rmse) <= 2 * tol, $"{model} RMSE {Fmt.F(r.Rmse, 2)}, expected {rmse} ± {2 * tol}");
    }

    [DataFact]
    public void All_hours_reproduce_the_published_reference()
    {
        var p = Pm25.Value;
        Assert.Equal(12, p.S);
        Assert.Equal(35064, p.Hours);
        var rows = Run(new SpatialEvaluationOptions { TestHours = (0, p.Hours), TrainHours = (0, p.Hours) });
        Near(rows, "idw", 12.8, 24.6, 0.3);
        Near(rows, "nearest", 14.0, 28.6, 0.3);
        Near(rows, "mean", 16.9, 31.3, 0.3);
    }
}
