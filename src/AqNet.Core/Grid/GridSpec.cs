using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Grid;

/// <summary>A regular lon/lat grid over a bounding box, degrees. Cells start at (Lon0, Lat0); there are
/// ceil(width / resolution) cells along each axis, so the last cells may extend past Lon1/Lat1 by less than one cell.
/// Cell (i, j) — i along longitude, j along latitude — has its centre at (Lon0 + (i + ½)·res, Lat0 + (j + ½)·res).
/// Flattened cell order is row-major [lat, lon]: cell = j · NLon + i. The box may not cross the antimeridian.</summary>
public sealed class GridSpec
{
    /// <summary>Refuses grids beyond this many cells (a 0.01° grid over China is ~6M; a typo can ask for billions).</summary>
    public const long MaxCells = 50_000_000;

    public GridSpec(double lon0, double lat0, double lon1, double lat1, double resolutionDeg)
    {
        Coord(lon0, "lon0", -180, 180);
        Coord(lon1, "lon1", -180, 180);
        Coord(lat0, "lat0", -90, 90);
        Coord(lat1, "lat1", -90, 90);
        if (lon0 >= lon1)
            throw new InputException($"grid bbox longitudes lon0 = {Fmt.D(lon0)}, lon1 = {Fmt.D(lon1)} are inverted or equal; expected lon0 < lon1 (west to east, not across the antimeridian)");
        if (lat0 >= lat1)
            throw new InputException($"grid bbox latitudes lat0 = {Fmt.D(lat0)}, lat1 = {Fmt.D(lat1)} are inverted or equal; expected lat0 < lat1 (south to north)");
        if (!(resolutionDeg > 0) || double.IsInfinity(resolutionDeg))
            throw new InputException($"grid resolution {Fmt.D(resolutionDeg)}° is not allowed; expected a finite number of degrees > 0, e.g. 0.1");
        var side = Math.Min(lon1 - lon0, lat1 - lat0);
        if (resolutionDeg / 2 > side)   // the first cell's centre would lie outside the box (and maybe outside the globe)
            throw new InputException($"grid resolution {Fmt.D(resolutionDeg)}° puts the first cell's centre outside the bbox (smaller side {Fmt.D(Math.Round(side, 6))}°); expected a cell size that fits in the box, e.g. {Fmt.D(Math.Round(side / 10, 6))}");
        NLon = Cells(lon1 - lon0, resolutionDeg);
        NLat = Cells(lat1 - lat0, resolutionDeg);
        if ((long)NLon * NLat > MaxCells)
            throw new InputException($"grid of {NLon} × {NLat} cells at {Fmt.D(resolutionDeg)}° exceeds {MaxCells} cells; expected a coarser resolution or a smaller bbox");
        (Lon0, Lat0, Lon1, Lat1, ResolutionDeg) = (lon0, lat0, lon1, lat1, resolutionDeg);
    }

    /// <summary>A band of rows [firstRow, firstRow + rows) of this grid, whose cell centres and edges are exactly
    /// (bit for bit) those of the same cells in this grid: a shard's piece of a sharded reanalysis.</summary>
    public GridSpec RowBand(int firstRow, int rows)
    {
        if (firstRow < 0 || rows < 1 || firstRow + rows > NLat)
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows [{firstRow}, {firstRow + rows}) outside [0, {NLat})");
        return new GridSpec(this, RowOffset + firstRow, rows);
    }

    private GridSpec(GridSpec whole, int rowOffset, int rows)
    {
        (Lon0, Lat0, Lon1, ResolutionDeg, NLon) = (whole.Lon0, whole.Lat0, whole.Lon1, whole.ResolutionDeg, whole.NLon);
        (RowOffset, NLat) = (rowOffset, rows);
        Lat1 = Math.Min(whole.Lat1, LatEdge(rows));
    }

    /// <summary>Rows of the whole grid before this one's first (0 except for a <see cref="RowBand"/>); Lat0 stays the
    /// whole grid's southern edge.</summary>
    public int RowOffset { get; }

    /// <summary>Southern edge of row j (j = NLat: the northern edge of the last row), degrees, not clamped.</summary>
    public double LatEdge(int j) => Lat0 + (RowOffset + j) * ResolutionDeg;

    public double Lon0 { get; }
    public double Lat0 { get; }
    public double Lon1 { get; }
    public double Lat1 { get; }
    public double ResolutionDeg { get; }
    public int NLon { get; }
    public int NLat { get; }
    public int CellCount => NLon * NLat;

    /// <summary>Longitude of the centres of column i, degrees.</summary>
    public double LonCentre(int i) => Lon0 + (i + 0.5) * ResolutionDeg;

    /// <summary>Latitude of the centres of row j, degrees.</summary>
    public double LatCentre(int j) => Lat0 + (RowOffset + j + 0.5) * ResolutionDeg;

    /// <summary>Centre of cell (i, j). A centre past ±180° / ±90° (last cell overhanging the box) is clamped to the limit.</summary>
    public GeoPoint Centre(int i, int j)
    {
        if ((uint)i >= (uint)NLon) throw new ArgumentOutOfRangeException(nameof(i), i, $"expected a column in [0, {NLon})");
        if ((uint)j >= (uint)NLat) throw new ArgumentOutOfRangeException(nameof(j), j, $"expected a row in [0, {NLat})");
        return new GeoPoint(Math.Min(LonCentre(i), 180), Math.Min(LatCentre(j), 90));
    }

    /// <summary>All cell centres in row-major [lat, lon] order.</summary>
    public GeoPoint[] Centres()
    {
        var c = new GeoPoint[CellCount];
        for (var j = 0; j < NLat; j++)
            for (var i = 0; i < NLon; i++)
                c[j * NLon + i] = Centre(i, j);
        return c;
    }

    public override string ToString() =>
        $"bbox {Fmt.D(Lon0)},{Fmt.D(Lat0)},{Fmt.D(Lon1)},{Fmt.D(Lat1)} at {Fmt.D(ResolutionDeg)}° = {NLon} × {NLat} cells" +
        (RowOffset > 0 ? $" (rows {RowOffset} .. {RowOffset + NLat - 1} of the whole grid)" : "");

    /// <summary>The 1e-9 slack keeps e.g. 1.0 / 0.1 = 10.000000000000002 from yielding an 11th, empty-width column.</summary>
    private static int Cells(double width, double res) => (int)Math.Min(int.MaxValue, Math.Max(1, Math.Ceiling(width / res - 1e-9)));

    private static void Coord(double v, string name, double min, double max)
    {
        if (!(v >= min && v <= max))
            throw new InputException($"grid bbox {name} = {Fmt.D(v)} is not allowed; expected degrees within [{Fmt.D(min)}, {Fmt.D(max)}]");
    }
}
