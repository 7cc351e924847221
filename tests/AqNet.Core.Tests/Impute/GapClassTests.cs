using AqNet.Core.Impute;

namespace AqNet.Core.Tests.Impute;

public sealed class GapClassTests
{
    [Theory]
    [InlineData(1, GapClass.Hours1To3)]
    [InlineData(3, GapClass.Hours1To3)]
    [InlineData(4, GapClass.Hours4To12)]
    [InlineData(12, GapClass.Hours4To12)]
    [InlineData(13, GapClass.Hours13To48)]
    [InlineData(48, GapClass.Hours13To48)]
    [InlineData(49, GapClass.Over48)]
    public void A_gap_length_falls_in_its_class(int hours, GapClass expected) => Assert.Equal(expected, GapClasses.Of(hours));

    [Fact]
    public void Every_cell_of_a_gap_gets_the_class_of_the_whole_run()
    {
        const int T = 60, S = 3;
        var panel = ImputeFixtures.Synthetic(T, S);
        var input = new bool[T * S];
        Array.Fill(input, true);
        void Gap(int s, int from, int to) { for (var t = from; t < to; t++) input[t * S + s] = false; }
        Gap(0, 2, 4);      // 2 h
        Gap(0, 10, 20);    // 10 h
        Gap(0, 21, 41);    // 20 h
        Gap(1, 0, 5);      // 5 h, open at the panel's start
        Gap(1, 6, 60);     // 54 h, open at its end
        var hidden = new[] { false, false, true };
        var (task, _) = ImputeFixtures.Task(panel, new bool[T * S]);
        var c = GapClasses.Of(new ImputeView(task, input, hidden));

        Assert.Equal(GapClass.Hours1To3, c[2 * S]);
        Assert.Equal(GapClass.Hours1To3, c[3 * S]);
        Assert.All(Enumerable.Range(10, 10), t => Assert.Equal(GapClass.Hours4To12, c[t * S]));
        Assert.All(Enumerable.Range(21, 20), t => Assert.Equal(GapClass.Hours13To48, c[t * S]));
        Assert.All(Enumerable.Range(0, 5), t => Assert.Equal(GapClass.Hours4To12, c[t * S + 1]));
        Assert.All(Enumerable.Range(6, 54), t => Assert.Equal(GapClass.Over48, c[t * S + 1]));
        Assert.All(Enumerable.Range(0, T), t => Assert.Equal(GapClass.StationHidden, c[t * S + 2]));
    }

    [Fact]
    public void Results_json_names_the_classes_as_the_report_does()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new[] { GapClass.Hours13To48, GapClass.StationHidden });
        Assert.Equal("[\"13-48 h\",\"station hidden\"]", json);
        Assert.Equal("13-48 h", GapClasses.Label(GapClass.Hours13To48));
    }
}
