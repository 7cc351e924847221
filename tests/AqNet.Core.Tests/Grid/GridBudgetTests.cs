using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.Spatial;

namespace AqNet.Core.Tests.Grid;

public sealed class GridBudgetTests
{
    [Fact]
    public void Sizes_parse_and_print_in_binary_units()
    {
        Assert.Equal(10L << 30, ByteSize.Parse("10G", "--max-output"));
        Assert.Equal(500L << 20, ByteSize.Parse("500MB", "--max-output"));
        Assert.Equal(3L << 39, ByteSize.Parse("1.5TiB", "--max-output"));
        Assert.Equal(2048, ByteSize.Parse("2048", "--max-output"));
        Assert.Contains("--max-output '10X'", Assert.Throws<InputException>(() => ByteSize.Parse("10X", "--max-output")).Message);
        Assert.Throws<InputException>(() => ByteSize.Parse("-1G", "--max-output"));
        Assert.Equal("10.0 GiB", ByteSize.Format(10L << 30));
        Assert.Equal("1.50 KiB", ByteSize.Format(1536));
        Assert.Equal("12 B", ByteSize.Format(12));
    }

    [Fact]
    public void A_month_of_a_9_million_cell_grid_is_refused_with_both_sizes()
    {
        var grid = new GridSpec(100, 20, 130, 50, 0.01);   // 3000 × 3000 cells
        var b = GridBudget.Estimate(grid, steps: 720, stepVariables: 2, summaryYears: 0);
        Assert.Equal(9_000_000, b.Cells);
        Assert.Equal(9_000_000L * (4 * 720 * 2 + 5) + 16L * (720 + 6000) + 65536, b.OutputBytes);
        Assert.Equal(GridBudget.BaseBytes + GridBudget.TileBytes + 9_000_000L * GridBudget.BytesPerCell, b.MemoryBytes);
        var e = Assert.Throws<InputException>(() => b.Check(10L << 30, long.MaxValue));
        Assert.Contains($"about {ByteSize.Format(b.OutputBytes)} (9,000,000 cells × 720 steps), more than --max-output 10.0 GiB", e.Message);
        Assert.Contains("coarser --resolution", e.Message);
        var m = Assert.Throws<InputException>(() => b.Check(long.MaxValue, 1L << 30));
        Assert.Contains($"about {ByteSize.Format(b.MemoryBytes)} of memory (9,000,000 cells × 720 steps), more than the 1.00 GiB available", m.Message);
        b.Check(long.MaxValue, long.MaxValue); // within both: no exception
    }

    [Fact]
    public void Tiles_are_bands_of_whole_rows_within_the_tile_budget()
    {
        var grid = new GridSpec(100, 20, 130, 50, 0.01);
        Assert.Equal((int)(GridBudget.TileBytes / 8000 / 3000), GridBudget.TileRows(grid, 8000));
        Assert.Equal(3000, GridBudget.TileRows(grid, 1));      // all rows when cheap
        Assert.Equal(1, GridBudget.TileRows(grid, 1L << 40));  // at least one row
    }

    [Fact]
    public void Far_threshold_is_twice_the_median_station_spacing()
    {
        Station S(string id, double lat) => new(id, id, 116, lat);
        // Nearest neighbours along a meridian: 0.1°, 0.1°, 0.2° → median 0.1° of latitude.
        var stations = new[] { S("a", 40.0), S("b", 40.1), S("c", 40.3) };
        var degree = Geodesy.DistanceKm(116, 40.0, 116, 40.1);
        Assert.Equal(degree, GridDistances.MedianSpacingKm(stations)!.Value, 9);
        Assert.Equal(2 * degree, GridDistances.DefaultFarThreshold(stations).Km, 9);
        Assert.Null(GridDistances.MedianSpacingKm([S("a", 40)]));
        Assert.Contains("--far-km", Assert.Throws<InputException>(() => GridDistances.DefaultFarThreshold([S("a", 40)])).Message);
        Assert.Equal(new sbyte[] { 0, 0, 1, 1 }, GridDistances.FarMask([1.0, 5.0, 5.0001, double.NaN], 5));
    }

    [Fact]
    public void Sources_carry_their_licence_and_citation()
    {
        var uci = DataSources.For("prsa");
        Assert.Equal("CC BY 4.0", uci.License);
        Assert.Contains("10.24432/C5RK5G", uci.References);
        Assert.Contains("Proc. R. Soc. A 473: 20170457", uci.References);
        var mixed = DataSources.Combined(["prsa", "mine", "prsa"]);
        Assert.StartsWith("UCI Beijing Multi-Site Air-Quality Data: CC BY 4.0; 'mine' observations: not stated", mixed.License);
    }
}
