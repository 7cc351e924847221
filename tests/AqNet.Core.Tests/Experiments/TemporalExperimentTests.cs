using AqNet.Core.Data;
using System.Text.Json;
using AqNet.Core.Baselines;
using AqNet.Core.Experiments;
using AqNet.Core.Metrics;
using AqNet.Core.Tests.Windows;
using AqNet.Core.Windows;

namespace AqNet.Core.Tests.Experiments;

public class TemporalExperimentTests
{
    /// <summary>Predicts a seed-dependent constant (scaled), so mean ± std over seeds can be checked.</summary>
    private sealed class SeedConstant(int seed) : IForecaster
    {
        public string Name => "lstm";
        public void Fit(WindowSet train, WindowSet validation, WindowContext context, IProgress<string>? progress, CancellationToken ct)
        {
            Assert.Equal(seed, context.Seed);
            Assert.True(Directory.Exists(context.WorkDir));
        }
        public float[] Predict(WindowSet set, WindowContext context) => Enumerable.Repeat(0.1f * seed, set.N * set.H).ToArray();
    }

    // 2 stations × 800 h with a diurnal cycle and a few gaps
    private static AqNet.Core.Data.Panel Synthetic() => Fixtures.Panel(800, 2, (t, s, v) =>
        (t * 7 + s * 3) % 97 == 0 ? float.NaN : (float)(50 + 10 * v + 20 * Math.Sin(2 * Math.PI * t / 24) + 5 * s + (t * 13 % 11)));

    [Fact]
    public void Runs_every_model_and_writes_results_report_and_figures()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aqnet-exp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var fitted = new List<FittedModel>();
            var o = new TemporalExperimentOptions { Protocol = "table1", OutputDir = dir, Seeds = [1, 2], OnModelFitted = fitted.Add };
            string[] models = ["persistence", "climatology", "lstm"];
            var r = TemporalExperiment.Run(Synthetic(), o, models, (n, seed) => BaselineFactory.TryCreate(n) ?? new SeedConstant(seed), null, default);

            Assert.Equal(3 * 3 * 2, r.Rows.Count);
            Assert.All(r.Rows.Where(x => x.Model != "lstm"), x => Assert.Equal((1, 0.0), (x.Seeds, x.MaeStd)));
            Assert.Equal(3 * (2 + 2), fitted.Count); // baselines once per horizon, lstm per seed
            // lstm rows: mean and std over the two seeds of metrics recomputed here from the hook's predictions
            foreach (var h in new[] { "6h", "12h", "24h" })
            {
                var runs = fitted.Where(f => f.Model.Name == "lstm" && f.Horizon == h).ToArray();
                var m = runs.Select(f => MaskedMetrics.Evaluate(f.Windows.Test, f.TestPredictions, f.Windows.Context, Aggregation.Pooled)).ToArray();
                var row = r.Rows.Single(x => x.Model == "lstm" && x.Horizon == h && x.Aggregation == AqNet.Core.Metrics.Aggregation.Pooled);
                Assert.Equal((m[0].Mae + m[1].Mae) / 2, row.Mae, 9);
                Assert.Equal(Math.Abs(m[0].Mae - m[1].Mae) / Math.Sqrt(2), row.MaeStd, 9);
                Assert.Equal(2, row.Seeds);
            }

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "results.json")));
            var proto = json.RootElement.GetProperty("protocol");
            Assert.Equal(r.Split.Test.Start, proto.GetProperty("split").GetProperty("test").GetProperty("start").GetInt32());
            Assert.Equal(24, proto.GetProperty("w_hours").GetInt32());
            Assert.Equal(["S0", "S1"], proto.GetProperty("stations").EnumerateArray().Select(e => e.GetString()));
            var run = json.RootElement.GetProperty("run");
            Assert.Equal(BuildInfo.Version, run.GetProperty("aqnet_version").GetString());
            Assert.StartsWith("(library call)", run.GetProperty("command").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", run.GetProperty("date_utc").GetString());
            var row0 = json.RootElement.GetProperty("rows")[0];
            Assert.Equal("persistence", row0.GetProperty("model").GetString());
            Assert.Equal("6h", row0.GetProperty("horizon").GetString());
            Assert.Equal("pooled", row0.GetProperty("aggregation").GetString());
            Assert.Equal(r.Rows[0].Mae, row0.GetProperty("mae").GetDouble());
            Assert.True(row0.TryGetProperty("r2_std", out _));

            var report = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Contains("18.71", report);
            Assert.Contains("| lstm |", report);
            Assert.Contains("±", report);
            Assert.True(File.Exists(Path.Combine(dir, "figures", "fig3_persistence_6h.png")));
            Assert.True(new FileInfo(Path.Combine(dir, "figures", "fig3_lstm_24h.png")).Length > 1000);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Table2_uses_daily_means_and_the_same_split_for_every_horizon()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aqnet-exp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var p = Fixtures.Panel(6600, 1, (t, s, v) => (float)(40 + 10 * Math.Sin(2 * Math.PI * t / 24 / 7)));
            var seen = new List<FittedModel>();
            var o = new TemporalExperimentOptions { Protocol = "table2", OutputDir = dir, OnModelFitted = seen.Add };
            var r = TemporalExperiment.Run(p, o, ["persistence"], (n, _) => BaselineFactory.TryCreate(n)!, null, default);
            Assert.Equal(["2d", "2d", "4d", "4d", "7d", "7d"], r.Rows.Select(x => x.Horizon));
            Assert.Equal(336 + 7 * 24, r.Split.Gap);
            Assert.All(seen, f => Assert.Equal(24, f.Windows.Context.StepHours));
            Assert.All(seen, f => Assert.All(f.Windows.Test.T0, t => Assert.True(r.Split.Test.Contains(t - 336))));
            Assert.Empty(Directory.GetFiles(Path.Combine(dir, "figures"))); // Fig. 3 is an hourly-slot figure
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Bad_options_are_reported()
    {
        var o = new TemporalExperimentOptions { Protocol = "table3", OutputDir = "x" };
        Assert.Contains("table3", Assert.Throws<AqNet.Core.Data.InputException>(() => o.Validate()).Message);
        Assert.Throws<AqNet.Core.Data.InputException>(() => (o with { Protocol = "table1", Seeds = [1, 1] }).Validate());
    }
}
