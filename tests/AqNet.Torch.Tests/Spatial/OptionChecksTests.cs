using AqNet.Torch.Training;

namespace AqNet.Torch.Tests.Spatial;

/// <summary>The option records check their ranges through Core's Guard: the message names the property, the value and
/// what is allowed, and NaN fails.</summary>
public sealed class OptionChecksTests
{
    private static string Refused(Action validate) => Assert.Throws<ArgumentOutOfRangeException>(validate).Message;

    [Fact]
    public void Neural_knn_options_name_the_property_the_value_and_what_is_allowed()
    {
        var o = KnnFixtures.Options;
        Assert.StartsWith("UtcOffsetHours = 15; expected a UTC offset in hours in [-12, 14]", Refused(() => (o with { UtcOffsetHours = 15 }).Validate()));
        Assert.StartsWith("Ks = [5, 0]; expected one or more neighbour counts >= 1", Refused(() => (o with { Ks = [5, 0] }).Validate()));
        Assert.StartsWith("Horizons = [0, 6, 6]; expected one or more distinct hour offsets >= 0", Refused(() => (o with { Horizons = [0, 6, 6] }).Validate()));
        Assert.StartsWith("CorrectionScale = NaN; expected a factor (1 = the correction as trained) in [0, 2]", Refused(() => (o with { CorrectionScale = double.NaN }).Validate()));
        Assert.StartsWith("NeighbourDropout = 1; expected a probability in [0, 1)", Refused(() => (KnnFixtures.Train() with { NeighbourDropout = 1 }).Validate()));
    }

    [Fact]
    public void Train_options_refuse_an_unnamed_enum_value()
    {
        new TrainOptions().Validate();
        Assert.StartsWith("Clipping = 9; expected one of", Refused(() => (new TrainOptions { Clipping = (ClipMethod)9 }).Validate()));
        Assert.StartsWith("Schedule = 9; expected one of", Refused(() => (new TrainOptions { Schedule = (LrSchedule)9 }).Validate()));
    }
}
