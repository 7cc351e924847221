using AqNet.Core.Data;

namespace AqNet.Core.Tests.Data;

public sealed class TextWidthTests
{
    [Theory]
    [InlineData("Dongsi", 6)]
    [InlineData("万寿西宫", 8)]          // CJK ideographs: two columns each
    [InlineData("ｱｲ", 2)]                // halfwidth katakana: one each
    [InlineData("ＡＢ", 4)]              // fullwidth Latin: two each
    [InlineData("서울", 4)]              // Hangul syllables
    [InlineData("e\u0301", 1)]           // e + combining acute accent
    [InlineData("µg/m³", 5)]
    public void Columns_follow_east_asian_width(string text, int columns) => Assert.Equal(columns, TextWidth.Of(text));

    [Fact]
    public void Fit_cuts_wide_text_on_a_character_and_pads_to_the_exact_width()
    {
        Assert.Equal("北京市东城…", TextWidth.Fit("北京市东城区东四", 11));   // 5 × 2 columns + "…"
        Assert.Equal("东四北… ", TextWidth.Fit("东四北街道", 8));             // 3 × 2 + "…" = 7, a space makes 8
        Assert.Equal("Dongsi    ", TextWidth.Fit("Dongsi", 10));
        Assert.Equal("a-very-long-station-id", TextWidth.PadRight("a-very-long-station-id", 14));
    }
}
