using AqNet.Core.Data;
using AqNet.Torch.Bench;
using AqNet.Torch.Runtime;
using Xunit.Abstractions;

namespace AqNet.Torch.Tests;

public sealed class BenchTests
{
    private readonly ITestOutputHelper output;

    public BenchTests(ITestOutputHelper output)
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
        this.output = output;
    }

    [Fact]
    public void Bench_measures_both_loops()
    {
        var r = ModelBench.Run(seq: 8, batch: 4, hidden: 8, layers: 1, heads: 2, seconds: 0.2);
        Assert.All(new[] { r.ProductTrainPerSecond, r.BareTrainPerSecond, r.ProductInferPerSecond, r.BareInferPerSecond },
            v => Assert.True(v > 0 && double.IsFinite(v), $"rate {v}"));
        Assert.Contains("ratio", r.ToString());
    }

    /// <summary>The real measurement, opt-in: AQNET_BENCH="seq,batch,hidden,layers,heads,seconds[,threads]", e.g.
    /// AQNET_BENCH=24,32,64,2,4,10,1 dotnet test tests/AqNet.Torch.Tests --filter Product_step_is_within_10_percent
    /// --logger "console;verbosity=detailed"</summary>
    [BenchFact]
    public void Product_step_is_within_10_percent_of_the_bare_loop()
    {
        var a = Environment.GetEnvironmentVariable(BenchFactAttribute.Variable)!.Split(',').Select(s => double.Parse(s, Fmt.Inv)).ToArray();
        TorchSharp.torch.set_num_threads(a.Length > 6 ? (int)a[6] : Environment.ProcessorCount);
        var r = ModelBench.Run((int)a[0], (int)a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
        output.WriteLine(r.ToString());
        Assert.True(r.TrainRatio >= 0.9, r.ToString());
    }
}

/// <summary>A fact that runs only when AQNET_BENCH is set (it takes seconds to minutes and needs a quiet machine).</summary>
public sealed class BenchFactAttribute : FactAttribute
{
    public const string Variable = "AQNET_BENCH";

    public BenchFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) Skip = $"set {Variable}=seq,batch,hidden,layers,heads,seconds[,threads] to run the benchmark";
    }
}
