using AqNet.Core.Maps;
using AqNet.Core.Store;
using AqNet.Viewer.Grid;
using AqNet.Viewer.Http;
using AqNet.Viewer.Stations;

namespace AqNet.Viewer.Hosting;

/// <summary>Everything the routes serve, opened once at start from the files named on the command line (and only
/// those): the grid, the stations with their observations, the colour scales and the boundaries near the grid.</summary>
public sealed class ViewerData : IDisposable
{
    public required IGridSource Grid { get; init; }
    public required StationLayer Stations { get; init; }
    public required ColourScale Pm25Scale { get; init; }
    public ColourScale? UncertaintyScale { get; init; }
    public required IReadOnlyList<BoundaryLine> Boundaries { get; init; }
    public required string Title { get; init; }
    public bool HasStore { get; init; }

    public static ViewerData Open(ServeOptions o)
    {
        var used = o.ModelDir is null ? null : StationLayer.ModelStations(o.ModelDir);
        var grid = GridSource.Open(o.GridPath);
        try
        {
            var g = grid.Info;
            StationLayer stations;
            if (o.StorePath is null) stations = StationLayer.Empty(g.Steps);
            else
            {
                using var store = AqStore.OpenRead(o.StorePath);
                stations = StationLayer.Load(store, g, used);
            }
            int[] sample = [.. new[] { 0, g.Steps / 2, g.Steps - 1 }.Distinct()];
            var box = new GeoBox(g.Lon0, g.Lat0, g.Lon0 + g.NLon * g.Resolution, g.Lat0 + g.NLat * g.Resolution);
            return new ViewerData
            {
                Grid = grid, Stations = stations, HasStore = o.StorePath is not null,
                Pm25Scale = ColourScale.FromSample(sample.SelectMany(t => grid.Frame(FieldLayer.Pm25, t)), 25),
                UncertaintyScale = g.Layers.Contains(FieldLayer.Uncertainty)
                    ? ColourScale.FromSample(sample.SelectMany(t => grid.Frame(FieldLayer.Uncertainty, t)), 5) : null,
                Boundaries = [.. (Core.Maps.Boundaries.Default()?.Within(box) ?? [])],
                Title = Path.GetFileName(Path.GetFullPath(o.GridPath).TrimEnd('/', '\\')),
            };
        }
        catch { grid.Dispose(); throw; }
    }

    public void Dispose() => Grid.Dispose();
}
