using AqNet.Core.Baselines;
using AqNet.Core.Data;
using AqNet.Core.Experiments;
using AqNet.Core.Import;
using AqNet.Core.Preprocessing;
using AqNet.Tests;
using Xunit.Abstractions;

namespace AqNet.Core.Tests.Experiments;

public class RealDataSanityTests(ITestOutputHelper output)
{
    /// <summary>Table 1 protocol on the UCI Beijing data: 12 stations pooled, last 20 % of time as test, metrics
    /// pooled over steps 1..h. Expected values come from an independent computation (persistence = last observed
    /// PM2.5, ridge on 24 lags of the six pollutants); ours adds masks and cyclic terms to the ridge, so it may be
    /// slightly better.</summary>
    [DataFact]
    public void Persistence_and_ridge_land_near_the_reference_numbers_on_beijing()
    {
        var zip = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        var batch = Importers.Read("prsa", [zip], new ImportOptions(), null, default);
        var panel = PanelBuilder.FromBatch(batch, Variables.Pollutants);
        Assert.Equal((12, 35064), (panel.S, panel.Hours));
        var dir = Path.Combine(Path.GetTempPath(), "aqnet-t1-" + Guid.NewGuid().ToString("N"));
        try
        {
            var o = new TemporalExperimentOptions
            {
                Protocol = "table1", OutputDir = dir,
                WriteFigures = false,
            };
            // a smaller ridge sample than the default 50,000 keeps this test fast in Debug builds (numbers move < 0.2 µg/m³)
            var r = TemporalExperiment.Run(panel, o, ["persistence", "ridge"],
                (n, _) => n == "ridge" ? new RidgeForecaster(maxTrainRows: 15_000, maxValidationRows: 3_000) : BaselineFactory.TryCreate(n)!,
                new Progress<string>(output.WriteLine), default);
            foreach (var row in r.Rows) output.WriteLine($"{row.Model} {row.Horizon} {row.Aggregation}: MAE {row.Mae:F2} RMSE {row.Rmse:F2} R2 {row.R2:F3} n {row.N}");
            (string M, string H, double Mae, double Rmse, double R2)[] expected =
            [
                ("persistence", "6h", 22.4, 42.1, 0.75), ("persistence", "12h", 31.1, 56.1, 0.55), ("persistence", "24h", 41.7, 70.4, 0.30),
                ("ridge", "6h", 22.1, 39.0, 0.78), ("ridge", "12h", 30.4, 50.5, 0.64), ("ridge", "24h", 39.8, 62.1, 0.47),
            ];
            foreach (var e in expected)
            {
                var row = r.Rows.Single(x => x.Model == e.M && x.Horizon == e.H && x.Aggregation == AqNet.Core.Metrics.Aggregation.Pooled);
                Assert.InRange(row.Mae, e.Mae - 1.5, e.Mae + 1.5);
                Assert.InRange(row.Rmse, e.Rmse - 2.5, e.Rmse + 2.5);
                Assert.InRange(row.R2, e.R2 - 0.04, e.R2 + 0.04);
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
