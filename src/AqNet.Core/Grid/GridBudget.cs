using AqNet.Core.Data;

namespace AqNet.Core.Grid;

/// <summary>Memory and output size of a gridded reanalysis, estimated from cells × steps before any work, so an
/// impossible request is refused at once instead of failing hours later. The run keeps per cell only a few arrays
/// for the whole grid; the estimation itself goes tile by tile (bands of rows) within <see cref="TileBytes"/>.</summary>
public sealed record GridBudget(long Cells, int Steps, long OutputBytes, long MemoryBytes)
{
    /// <summary>The .NET runtime, libtorch and DuckDB, the panel and the inference buffers.</summary>
    public const long BaseBytes = 768L << 20;
    /// <summary>What one tile of cells may hold while it is estimated (neighbour geometry and estimates).</summary>
    public const long TileBytes = 384L << 20;
    /// <summary>Tile memory per cell at most (20 neighbours with their score terms, kernels and copies), so that small
    /// grids are not charged the whole tile budget.</summary>
    public const long TileBytesPerCell = 12288;
    /// <summary>Whole-grid arrays per cell: period sums and counts, the far mask, one map slice and its rendering.</summary>
    public const long BytesPerCell = 48;

    /// <param name="stepVariables">float32 variables per output step (pm25 and its uncertainty).</param>
    /// <param name="summaryYears">years of per-cell summaries (annual mean float32, three int16 counts).</param>
    public static GridBudget Estimate(GridSpec grid, int steps, int stepVariables, int summaryYears)
    {
        long cells = grid.CellCount;
        var output = cells * (4L * steps * stepVariables + 4 + 1 + summaryYears * (4L + 2 * (1 + AirQualityLimits.Daily.Count)))
                     + 16L * (steps + grid.NLat + grid.NLon) + 64 * 1024;
        var memory = BaseBytes + Math.Min(TileBytes, cells * TileBytesPerCell) + cells * BytesPerCell;
        return new GridBudget(cells, steps, output, memory);
    }

    /// <summary>InputException when the output would exceed maxOutputBytes or the memory the available bytes; the
    /// message gives both numbers and what to change.</summary>
    public void Check(long maxOutputBytes, long availableBytes)
    {
        var what = string.Create(Fmt.Inv, $"{Cells:N0} cells × {Steps:N0} steps");
        const string change = "use a coarser --resolution, a smaller --bbox or a shorter --from/--to";
        if (OutputBytes > maxOutputBytes)
            throw new InputException($"the output would be about {ByteSize.Format(OutputBytes)} ({what}), more than --max-output {ByteSize.Format(maxOutputBytes)}; {change}, --daily, or raise --max-output");
        if (MemoryBytes > availableBytes)
            throw new InputException($"the run would need about {ByteSize.Format(MemoryBytes)} of memory ({what}), more than the {ByteSize.Format(availableBytes)} available; {change}");
    }

    /// <summary>Rows per tile: as many whole rows as fit <see cref="TileBytes"/> at the given cost per cell.</summary>
    public static int TileRows(GridSpec grid, long bytesPerTileCell) =>
        (int)Math.Clamp(TileBytes / Math.Max(1, bytesPerTileCell) / grid.NLon, 1, grid.NLat);
}
