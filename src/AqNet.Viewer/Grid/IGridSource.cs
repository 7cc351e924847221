namespace AqNet.Viewer.Grid;

/// <summary>A gridded reanalysis read one piece at a time: a step's field, a static field, or one cell's series. Fields
/// are float32 row-major [lat, lon] from the south-west cell, NaN where the file holds its fill value. Nothing is
/// cached beyond the static fields, so memory stays bounded by one frame per request whatever the period.</summary>
public interface IGridSource : IDisposable
{
    GridInfo Info { get; }

    float[] Frame(FieldLayer layer, int t);

    /// <summary>distance_to_nearest_station (km) or far_from_stations (0/1) as float32; null when absent.</summary>
    float[]? Static(string variable);

    /// <summary>A layer over all steps at one cell.</summary>
    float[] Series(FieldLayer layer, int cell);
}

public static class GridSource
{
    /// <summary>Opens FILE.nc (NetCDF classic/64-bit offset) or DIR.zarr (Zarr v2 with consolidated metadata) as written
    /// by `aqnet reanalyze`; a bad path or a file of another kind is a clear input error.</summary>
    public static IGridSource Open(string path)
    {
        var full = Path.GetFullPath(path.TrimEnd('/', '\\'));
        if (Directory.Exists(full))
        {
            if (!File.Exists(Path.Combine(full, ".zmetadata")))
                throw new Core.Data.InputException($"--grid '{path}': the folder has no .zmetadata; expected a Zarr store written by `aqnet reanalyze --out NAME.zarr`");
            return IntervalWidthSource.Wrap(ZarrGridSource.Open(full));
        }
        if (!File.Exists(full))
            throw new Core.Data.InputException($"--grid '{path}': no such file or folder; expected FILE.nc or DIR.zarr written by `aqnet reanalyze`");
        return IntervalWidthSource.Wrap(NetCdfGridSource.Open(full));
    }
}
