using AqNet.Core.Baselines;
using AqNet.Core.Data;
using AqNet.Core.Experiments;
using Xunit;

namespace AqNet.Core.Tests.Experiments;

public class TemporalModelsTests
{
    [Fact]
    public void Names_are_the_lower_case_names_of_results_and_parse_back()
    {
        Assert.Equal(["persistence", "climatology", "ridge", "lstm", "patchtst", "aqnet-no-ce", "aqnet"], TemporalModels.Default.Select(TemporalModels.Name));
        Assert.Equal(["aqnet-st"], TemporalModels.Optional.Select(TemporalModels.Name));
        foreach (var k in Enum.GetValues<TemporalModelKind>()) Assert.Equal(k, TemporalModels.Parse(TemporalModels.Name(k)));
        Assert.Equal(TemporalModelKind.AqnetNoCe, TemporalModels.Parse(" AQNET-no-ce "));
        var e = Assert.Throws<InputException>(() => TemporalModels.Parse("gru"));
        Assert.Equal("unknown model 'gru'; expected some of persistence, climatology, ridge, lstm, patchtst, aqnet-no-ce, aqnet, aqnet-st", e.Message);
    }

    [Fact]
    public void Only_the_baselines_are_created_without_torch()
    {
        Assert.Equal(["persistence", "climatology", "ridge"], BaselineFactory.Names);
        Assert.Equal("ridge", BaselineFactory.TryCreate(TemporalModelKind.Ridge)!.Name);
        Assert.Equal("persistence", BaselineFactory.TryCreate("persistence")!.Name);
        Assert.Null(BaselineFactory.TryCreate(TemporalModelKind.Aqnet));
        Assert.Null(BaselineFactory.TryCreate("transformer"));
        Assert.Equal([true, true, true, false], new[] { TemporalModelKind.Persistence, TemporalModelKind.Climatology, TemporalModelKind.Ridge, TemporalModelKind.Lstm }.Select(TemporalModels.IsBaseline));
    }
}
