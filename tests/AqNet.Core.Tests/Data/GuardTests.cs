using AqNet.Core.Data;

namespace AqNet.Core.Tests.Data;

public sealed class GuardTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0.0)]
    [InlineData(-1e-9)]
    public void Positive_refuses_nan_infinity_and_non_positive_numbers(double v) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Positive(v, "rate"));

    [Fact]
    public void The_message_names_the_parameter_the_value_and_what_is_allowed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.AtLeast(0, 1, "Epochs"));
        Assert.Equal("Epochs", e.ParamName);
        Assert.Equal(0, e.ActualValue);
        Assert.StartsWith("Epochs = 0; expected an integer >= 1", e.Message);
        Assert.StartsWith("lat = NaN; expected a latitude in degrees within [-90, 90]",
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Latitude(double.NaN, "lat")).Message);
        Assert.StartsWith("h = 15; expected a UTC offset in hours in [-12, 14]",
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.UtcOffset(15, "h")).Message);
        Assert.StartsWith("trainFrac = 1; expected a split fraction in (0, 1)",
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Between(1, 0, 1, "trainFrac", "a split fraction")).Message);
    }

    [Fact]
    public void Bounds_are_inclusive_where_the_name_says_so()
    {
        Guard.Fraction(0, "f");
        Guard.Fraction(1, "f");
        Guard.InRange(24, 1, 24, "h");
        Guard.UtcOffset(-12, "h");
        Guard.UtcOffset(14, "h");
        Guard.Probability(0, "p");
        Guard.Longitude(-180, "lon");
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Probability(1, "p"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Fraction(double.NaN, "f"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Between(0, 0, 1, "f"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.InRange(25, 1, 24, "h"));
    }

    [Fact]
    public void Lists_of_integers_and_enum_values_are_checked_with_the_same_kind_of_message()
    {
        Guard.Integers([0, 6, 12], 0, "Horizons", "hour offsets", distinct: true);
        Assert.StartsWith("Ks = [3, 0]; expected one or more neighbour counts >= 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Integers([3, 0], 1, "Ks", "neighbour counts")).Message);
        Assert.StartsWith("Horizons = [0, 6, 0]; expected one or more distinct hour offsets >= 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Integers([0, 6, 0], 0, "Horizons", "hour offsets", distinct: true)).Message);
        Assert.Equal("Ks", Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Integers([], 1, "Ks")).ParamName);
        Guard.Defined(DayOfWeek.Monday, "day");
        Assert.StartsWith("day = 9; expected one of Sunday, Monday",
            Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Defined((DayOfWeek)9, "day")).Message);
    }
}
