using AqNet.Core.Data;
using AqNet.Core.Fill;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using AqNet.Torch.Runtime;
using Xunit;

namespace AqNet.Torch.Tests.Impute;

/// <summary>The production model of `aqnet fit` / `aqnet fill --model`: its file round-trips, a damaged file is refused,
/// and the filler keeps observations and gives ordered, non-negative intervals at every gap.</summary>
public sealed class StProductionTests : IDisposable
{
    private static readonly StOptions Tiny = new() { Window = 8, Neighbours = 2, Hidden = 8, Heads = 2 };
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Four stations 0.1° apart over two months and a half, a daily cycle, and a block of gaps at S1.</summary>
    private static Panel Network()
    {
        const int hours = 1800;
        var rng = new Random(5);
        var stations = Enumerable.Range(0, 4).Select(i => new Station($"S{i}", $"S{i}", 116.0 + 0.1 * i, 40.0 + 0.05 * (i % 2))).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), hours, stations, [Variables.Pm25]);
        for (var t = 0; t < hours; t++)
            for (var s = 0; s < 4; s++)
                if (!(s == 1 && t is >= 100 and < 130) && !(s == 3 && t % 97 == 0))
                    p.Set(t, s, 0, (float)(30 + 25 * Math.Sin(2 * Math.PI * t / 24) + 3 * s + rng.NextDouble()));
        return p;
    }

    private static (StImputer Model, StModelInfo Info) Fit(Panel panel)
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
        var task = ImputeProduction.Task(panel, Variables.Pm25, 8);
        var m = new StImputer(Tiny, new StTrainOptions { Epochs = 1, StepsPerEpoch = 3, BatchSize = 8, Seed = 2 });
        m.Fit(task, task.Folds[0], null, default);
        var val = task.Folds[0].Validation[0];
        var e = m.Estimate(ImputeViews.Validation(task, task.Folds[0], val), val.Eval, default);
        var info = new StModelInfo
        {
            Options = Tiny, Train = new StTrainOptions { Epochs = 1, StepsPerEpoch = 3, BatchSize = 8, Seed = 2 },
            Mean = m.Scaler.Mean, Std = m.Scaler.Std, Calibration = IntervalCalibration.Fit(e, task.Truth, val.Eval),
            Stations = [.. panel.Stations.Select(s => s.Id)], UtcOffsetHours = 8,
            FirstHourUtc = Fmt.Utc(panel.TimeAt(0)), LastHourUtc = Fmt.Utc(panel.TimeAt(panel.Hours - 1)),
            MeasuredCoverage = 0.9,
        };
        return (m, info);
    }

    [Fact]
    public void A_saved_model_loads_with_its_settings_and_gives_the_same_estimates()
    {
        var panel = Network();
        var (m, info) = Fit(panel);
        var path = Path.Combine(_dir, StCheckpoint.FileName);
        StCheckpoint.Save(path, m, info);
        var (loaded, back) = StCheckpoint.Load(StCheckpoint.PathIn(_dir));
        using (m)
        using (loaded)
        {
            Assert.Equal(info.Mean, back.Mean);
            Assert.Equal(info.Std, back.Std);
            Assert.Equal(Tiny, back.Options);
            Assert.Equal(["S0", "S1", "S2", "S3"], back.Stations);
            var a = new StFiller(m, info).Fill(panel, 0, panel.Hours, null, default);
            var b = new StFiller(loaded, back).Fill(panel, 0, panel.Hours, null, default);
            Assert.Equal(a.Value.Length, b.Value.Length);
            for (var i = 0; i < a.Value.Length; i++)
            {
                Assert.Equal(a.Value[i], b.Value[i], 1e-3f);
                Assert.Equal(a.Upper[i], b.Upper[i], 1e-3f);
            }
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public void A_damaged_model_file_is_refused_naming_it(double where)
    {
        var (m, info) = Fit(Network());
        var path = Path.Combine(_dir, StCheckpoint.FileName);
        using (m) StCheckpoint.Save(path, m, info);
        var bytes = File.ReadAllBytes(path);
        bytes[(int)(where * bytes.Length)] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InputException>(() => StCheckpoint.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_folder_without_a_model_is_refused()
    {
        var e = Assert.Throws<InputException>(() => StCheckpoint.PathIn(_dir));
        Assert.Contains("holds no model.aqst", e.Message);
        e = Assert.Throws<InputException>(() => StCheckpoint.PathIn(Path.Combine(_dir, "nothing")));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public void The_filler_keeps_observations_and_fills_every_gap_with_an_ordered_non_negative_interval()
    {
        var panel = Network();
        var (m, info) = Fit(panel);
        using (m)
        {
            var r = new StFiller(m, info).Fill(panel, 50, 400, null, default);
            Assert.Equal(350 * 4, r.Value.Length);
            Assert.Equal(0.9, r.MeasuredCoverage);
            Assert.StartsWith("aqnet-st", r.Method);
            for (var t = 0; t < 350; t++)
                for (var s = 0; s < 4; s++)
                {
                    var i = r.Index(t, s);
                    var p = panel.Index(t + 50, s, 0);
                    if (panel.Mask[p])
                    {
                        Assert.Equal(panel.Values[p], r.Value[i]);
                        Assert.Equal(FillFlag.Observed, r.Flag[i]);
                        continue;
                    }
                    Assert.Equal(FillFlag.Filled, r.Flag[i]);
                    Assert.True(float.IsFinite(r.Value[i]) && r.Value[i] >= 0, $"hour {t + 50}, station {s}: {r.Value[i]}");
                    Assert.True(r.Lower[i] >= 0 && r.Lower[i] <= r.Value[i] && r.Value[i] <= r.Upper[i], $"hour {t + 50}, station {s}: {r.Lower[i]} {r.Value[i]} {r.Upper[i]}");
                }
            Assert.Equal(30 + 4, r.Count(FillFlag.Filled));   // S1 hours 100-129 and S3 hours 97, 194, 291, 388
        }
    }
}
