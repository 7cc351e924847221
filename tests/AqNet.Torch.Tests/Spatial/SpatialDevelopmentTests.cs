using AqNet.Core.Data;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Spatial;
using AqNet.Torch.Runtime;
using AqNet.Torch.Spatial;
using AqNet.Torch.Jobs.Spatial;

namespace AqNet.Torch.Tests.Spatial;

/// <summary>A development run (<see cref="SpatialExperimentOptions.Development"/>) chooses settings without the test
/// hours: whatever the test part holds cannot change its results.</summary>
public class SpatialDevelopmentTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "aqnet-dev-" + Guid.NewGuid().ToString("N"));

    public SpatialDevelopmentTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private SpatialExperimentOptions Options(string name, bool development) => new()
    {
        OutputDir = Path.Combine(dir, name), Protocol = SpatialProtocolKind.Holdout, HiddenIds = ["S4"], Quick = true, Window = 6, Ks = [2, 4],
        Development = development,
    };

    [Fact]
    public void The_development_run_reads_only_the_hours_before_the_test_part()
    {
        var clean = KnnFixtures.Panel();
        var garbled = KnnFixtures.Panel();
        var o = Options("a", development: true);
        var testStart = SpatialSplit.Of(clean.Hours, o.TestFraction, o.ValidationFraction, o.Window, 0).Test.Start;
        for (var t = testStart; t < garbled.Hours; t++)
            for (var s = 0; s < garbled.S; s++) garbled.Set(t, s, 0, 5000 + 100 * s * s);

        var dev = SpatialExperiment.DevelopmentPanel(garbled, o, null);
        Assert.Equal(testStart, dev.Hours);
        var a = SpatialExperiment.Run(clean, o, null, CancellationToken.None);
        var b = SpatialExperiment.Run(garbled, Options("b", development: true), null, CancellationToken.None);
        Assert.Equal(a.Rows.Select(r => (r.Model, r.Station, r.Mae, r.N)), b.Rows.Select(r => (r.Model, r.Station, r.Mae, r.N)));

        // predictions.csv: the hidden station's nowcasts on the (development) test hours, beside its observations
        var lines = File.ReadAllLines(Path.Combine(dir, "a", "predictions.csv"));
        Assert.Equal("model,station,time_utc,seed,observed,estimate,spread", lines[0]);
        Assert.Equal(a.Pooled("aqnet-knn")!.N, lines.Skip(1).Count(l => l.Split(',')[4] != ""));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("aqnet-knn,S4,", l));

        // The same garbage inside a normal run's test part does change the scores: the check above can fail.
        var full = SpatialExperiment.Run(garbled, Options("c", development: false), null, CancellationToken.None);
        Assert.True(full.Pooled("idw")!.Mae > 500, $"idw MAE {full.Pooled("idw")!.Mae} n {full.Pooled("idw")!.N}");
    }
}
