using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Impute;
using AqNet.Torch.Runtime;
using Xunit;

namespace AqNet.Torch.Tests.Impute;

public class StImputerTests
{
    private static readonly StOptions Tiny = new() { Window = 8, Neighbours = 2, Hidden = 8, Heads = 2 };

    /// <summary>Five stations 0.1° apart with a shared daily cycle and an offset each; every cell observed.</summary>
    private static Panel Network(int hours = 24 * 12)
    {
        var rng = new Random(3);
        var stations = Enumerable.Range(0, 5).Select(i => new Station($"S{i}", $"S{i}", 116.0 + 0.1 * i, 40.0 + 0.05 * (i % 2))).ToArray();
        var p = new Panel(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), hours, stations, [Variables.Pm25]);
        for (var t = 0; t < hours; t++)
            for (var s = 0; s < 5; s++) p.Set(t, s, 0, (float)(40 + 15 * Math.Sin(2 * Math.PI * t / 24) + 4 * s + rng.NextDouble()));
        return p;
    }

    private static StImputer Fit(ImputeTask task, Action<StBatchInfo>? onBatch = null)
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
        var m = new StImputer(Tiny, new StTrainOptions { Epochs = 2, StepsPerEpoch = 4, BatchSize = 8, Seed = 1, OnBatch = onBatch });
        m.Fit(task, task.Folds[0], null, default);
        return m;
    }

    [Theory]
    [InlineData(ImputeProtocolKind.Block)]
    [InlineData(ImputeProtocolKind.Virtual)]
    public void Evaluation_points_never_reach_a_training_batch(ImputeProtocolKind kind)
    {
        var task = ImputeProtocols.Build(Network(), Variables.Pm25, 8, new ImputeProtocolOptions { Kind = kind, Hidden = ["S2"] });
        var fold = task.Folds[0];
        var batches = 0;
        using var m = Fit(task, info =>
        {
            batches++;
            foreach (var (h, s) in info.Cells)
            {
                var i = h * task.S + s;
                Assert.False(fold.Test.Eval[i], $"test point (hour {h}, station {s}) in a training batch");
                Assert.All(fold.Validation, v => Assert.False(v.Eval[i], $"validation point (hour {h}, station {s}) in a training batch"));
                Assert.False(fold.Hidden[s], $"hidden station {s} in a training batch");
                Assert.Equal(HourRole.Train, task.Roles[h]);
            }
        });
        Assert.Equal(8, batches);
    }

    [Fact]
    public void A_forecast_reads_nothing_after_its_origin()
    {
        var task = ImputeProtocols.Build(Network(), Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Point });
        using var m = Fit(task);
        var none = new bool[task.S];
        foreach (var (s, origin) in new[] { (1, 100), (4, 230) })
        {
            var full = m.Forecast(new ImputeView(task, task.Observed, none), [(s, origin)], 4, default);
            var cut = (bool[])task.Observed.Clone();
            for (var i = (origin + 1) * task.S; i < cut.Length; i++) cut[i] = false;
            var past = m.Forecast(new ImputeView(task, cut, none), [(s, origin)], 4, default);
            Assert.Equal(4, full.Length);
            Assert.All(full, v => Assert.True(float.IsFinite(v)));
            Assert.Equal(past, full);
        }
        Assert.Throws<InputException>(() => m.Forecast(new ImputeView(task, task.Observed, none), [(0, 50)], Tiny.Window, default));
    }

    [Fact]
    public void A_masked_input_can_be_anything_without_changing_the_estimates()
    {
        var task = ImputeProtocols.Build(Network(), Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Point });
        var fold = task.Folds[0];
        using var m = Fit(task);
        var view = ImputeViews.Test(task, fold);
        var before = m.Estimate(view, fold.Test.Eval, default);
        for (var i = 0; i < task.Truth.Length; i++) if (!view.Input[i]) task.Truth[i] = i % 2 == 0 ? 1e6f : -3;
        var after = m.Estimate(view, fold.Test.Eval, default);
        // Equal up to float rounding (libtorch's kernels may round the last bit differently from call to call); a
        // leaked 1e6 would move estimates by orders of magnitude more.
        for (var i = 0; i < before.Median.Length; i++)
        {
            Assert.Equal(float.IsNaN(before.Median[i]), float.IsNaN(after.Median[i]));
            if (float.IsNaN(before.Median[i])) continue;
            Assert.Equal(before.Median[i], after.Median[i], 1e-3f);
            Assert.Equal(before.Lower[i], after.Lower[i], 1e-3f);
            Assert.Equal(before.Upper[i], after.Upper[i], 1e-3f);
        }
    }

    [Fact]
    public void Estimates_come_at_every_asked_cell_with_ordered_quantiles()
    {
        var task = ImputeProtocols.Build(Network(), Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Virtual, Hidden = ["S0"] });
        var fold = task.Folds[0];
        using var m = Fit(task);
        var e = m.Estimate(ImputeViews.Test(task, fold), fold.Test.Eval, default);
        var asked = 0;
        for (var i = 0; i < fold.Test.Eval.Length; i++)
        {
            if (!fold.Test.Eval[i]) { Assert.True(float.IsNaN(e.Median[i])); continue; }
            asked++;
            Assert.True(float.IsFinite(e.Median[i]));
            Assert.True(e.Lower[i] <= e.Median[i] && e.Median[i] <= e.Upper[i], $"cell {i}: {e.Lower[i]} {e.Median[i]} {e.Upper[i]}");
        }
        Assert.True(asked > 0);
    }
}
