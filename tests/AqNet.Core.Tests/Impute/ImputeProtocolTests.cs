using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Core.Import;
using AqNet.Tests;
using Xunit;

namespace AqNet.Core.Tests.Impute;

public class ImputeProtocolTests
{
    [Theory]
    [InlineData(ImputeProtocolKind.Point)]
    [InlineData(ImputeProtocolKind.Block)]
    [InlineData(ImputeProtocolKind.Loso)]
    [InlineData(ImputeProtocolKind.Virtual)]
    public void Test_points_are_never_inputs_and_validation_points_never_train(ImputeProtocolKind kind)
    {
        var panel = ImputeFixtures.Synthetic(24 * 20, 6);
        var o = new ImputeProtocolOptions { Kind = kind, Hidden = kind == ImputeProtocolKind.Virtual ? ["S2"] : null };
        var task = ImputeProtocols.Build(panel, Variables.Pm25, 8, o);
        Assert.NotEmpty(task.Folds);
        foreach (var fold in task.Folds)
        {
            var testPoints = fold.Test.Eval.Count(b => b);
            Assert.True(testPoints > 0, $"{fold.Name}: no test point");
            var training = ImputeViews.TrainingCells(task, fold);
            for (var i = 0; i < fold.Input.Length; i++)
            {
                if (fold.Test.Eval[i]) Assert.False(fold.Input[i], $"{fold.Name}: test point {i} is an input");
                if (fold.Test.Eval[i]) Assert.Equal(HourRole.Test, task.Roles[i / task.S]);
                if (fold.Hidden[i % task.S]) Assert.False(fold.Input[i], $"{fold.Name}: hidden station read at {i}");
                foreach (var v in fold.Validation) if (v.Eval[i]) Assert.False(training[i], $"{fold.Name}: validation point {i} trains");
                if (training[i]) Assert.Equal(HourRole.Train, task.Roles[i / task.S]);
            }
        }
    }

    [Theory]
    [InlineData(ImputeProtocolKind.Point)]
    [InlineData(ImputeProtocolKind.Block)]
    [InlineData(ImputeProtocolKind.Loso)]
    public void Values_flagged_by_quality_control_are_neither_inputs_nor_scored(ImputeProtocolKind kind)
    {
        var panel = ImputeFixtures.Synthetic(24 * 20, 6);
        var v = panel.VariableIndex(Variables.Pm25);
        var flagged = new HashSet<int>();
        for (var t = 0; t < panel.Hours; t += 3)
        {
            var s = t % panel.S;
            var p = panel.Index(t, s, v);
            if (!panel.Mask[p]) continue;
            panel.Values[p] = 553_405;
            panel.Flags[p] = (byte)AqNet.Core.Quality.QcFlags.OutOfBounds;
            flagged.Add(t * panel.S + s);
        }
        var task = ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = kind });
        Assert.NotEmpty(flagged);
        foreach (var fold in task.Folds)
            foreach (var i in flagged)
            {
                Assert.False(fold.Input[i], $"{fold.Name}: flagged cell {i} is an input");
                Assert.False(fold.Test.Eval[i], $"{fold.Name}: flagged cell {i} is scored");
                Assert.All(fold.Validation, val => Assert.False(val.Eval[i]));
            }
    }

    [Fact]
    public void Loso_darkens_every_located_station_over_the_test_part_exactly_once_and_keeps_its_history()
    {
        var panel = ImputeFixtures.Synthetic(24 * 20, 7);
        var task = ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Loso, LosoGroups = 3 });
        Assert.Equal(3, task.Folds.Count);
        var S = task.S;
        bool Scored(ImputeFold f, int s) => Enumerable.Range(0, task.T).Any(t => f.Test.Eval[t * S + s]);
        var counts = Enumerable.Range(0, S).Select(s => task.Folds.Count(f => Scored(f, s))).ToArray();
        Assert.All(counts, c => Assert.Equal(1, c));
        foreach (var f in task.Folds)
        {
            Assert.All(f.Hidden, h => Assert.False(h));
            for (var s = 0; s < S; s++)
            {
                if (!Scored(f, s)) continue;
                for (var t = 0; t < task.T; t++)
                {
                    // Dark over the whole test part (every observed test hour scored, none read); its training hours read.
                    if (task.Roles[t] == HourRole.Test) { Assert.False(f.Input[t * S + s]); Assert.True(f.Test.Eval[t * S + s]); }
                    if (task.Roles[t] == HourRole.Train) Assert.True(f.Input[t * S + s]);
                }
            }
        }
    }

    [Fact]
    public void Point_protocol_hides_about_a_quarter_of_the_test_cells()
    {
        var panel = ImputeFixtures.Synthetic(24 * 40, 10);
        var task = ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Point });
        var testCells = task.HoursWith(HourRole.Test) * task.S;
        var share = task.Folds[0].Test.Eval.Count(b => b) / (double)testCells;
        Assert.InRange(share, 0.22, 0.28);
    }

    [Fact]
    public void Bad_protocol_options_are_refused_with_a_message()
    {
        var panel = ImputeFixtures.Synthetic(24 * 20, 4);
        Assert.Contains("expected one of aqi36", Assert.Throws<InputException>(() => ImputeProtocolOptions.Parse("table1")).Message);
        Assert.Contains("benchmark", Assert.Throws<InputException>(() =>
            ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Aqi36 })).Message);
        Assert.Contains("'Nowhere'", Assert.Throws<InputException>(() =>
            ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Virtual, Hidden = ["Nowhere"] })).Message);
        Assert.Contains("--hidden", Assert.Throws<InputException>(() =>
            ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Virtual })).Message);
        Assert.Contains("unknown model", Assert.Throws<InputException>(() => ImputeModels.Parse("gru")).Message);
    }

    [DataFact]
    public void Aqi36_protocol_has_the_published_point_counts()
    {
        var batch = Importers.Read("aqi36", [TestData.Require("aqi36")], new ImportOptions(), null, default);
        var panel = PanelBuilder.FromBatch(batch, [Variables.Pm25]);
        Assert.Equal(36, panel.S);
        Assert.Equal(8759, panel.Hours);
        var points = 0;
        for (var i = 0; i < panel.Flags.Length; i++) if ((panel.Flags[i] & (byte)AqNet.Core.Quality.QcFlags.BenchmarkPoint) != 0) points++;
        Assert.Equal(35_737, points);
        var task = ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Aqi36 });
        Assert.Equal(20_434, task.Folds[0].Test.Eval.Count(b => b));
        // Validation: the benchmark's points in the hours before each test month, and those in the training months.
        var validation = task.Folds[0].Validation.Select(v => v.Eval.Count(b => b)).ToArray();
        Assert.Equal(35_737 - 20_434, validation.Sum());
        Assert.Equal(2_157, validation[0]);
        // The input is pm25_missing.txt: 315,324 cells less its 77,508 empty ones.
        Assert.Equal(315_324 - 77_508, task.Folds[0].Input.Count(b => b));
        var virt = ImputeProtocols.Build(panel, Variables.Pm25, 8, new ImputeProtocolOptions { Kind = ImputeProtocolKind.Virtual });
        Assert.Equal(["001014", "001031"], Enumerable.Range(0, 36).Where(s => virt.Folds[0].Hidden[s]).Select(s => panel.Stations[s].Id));
    }
}
