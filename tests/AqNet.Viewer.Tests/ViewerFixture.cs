using AqNet.Core.Data;
using AqNet.Core.Grid;
using AqNet.Core.Import;
using AqNet.Core.NetCdf;
using AqNet.Core.Store;

namespace AqNet.Viewer.Tests;

/// <summary>A tiny reanalysis written with the project's own writers: 6 × 4 cells of 0.1° over the open Pacific (no
/// boundary line crosses it), 5 hours, pm25 = 10·t + cell + 0.25, uncertainty = 1 + cell/10, a far mask; the same as
/// NetCDF and Zarr. A store with station A in cell (1, 0) (with a filled record) and B in cell (4, 3), and a model folder
/// that used only A.</summary>
public sealed class ViewerFixture : IDisposable
{
    public static readonly DateTime T0 = new(2019, 3, 1, 1, 0, 0, DateTimeKind.Utc);
    public const int NLon = 6, NLat = 4, Steps = 5;
    public static readonly GridSpec Grid = new(160, 20, 160.6, 20.4, 0.1);

    public string Dir { get; } = Directory.CreateTempSubdirectory("aqnet-viewer-").FullName;
    public string Nc => Path.Combine(Dir, "grid.nc");
    public string Zarr => Path.Combine(Dir, "grid.zarr");
    public string Store => Path.Combine(Dir, "obs.duckdb");
    public string Model => Path.Combine(Dir, "model");

    public static float Pm25(int t, int cell) => 10f * t + cell + 0.25f;
    public static float Uncertainty(int cell) => 1f + cell / 10f;
    /// <summary>Observed PM2.5 of station A (hours 0..4 from T0; hour 2 missing) and B.</summary>
    public static readonly float[] ObsA = [12.5f, 20f, float.NaN, 33f, 41.5f];
    public static readonly float[] ObsB = [90f, 95f, 99f, 120f, 130f];
    /// <summary>The store's filled record of station A (aqnet fill), with lower = value - 5 and upper = value + 5.</summary>
    public static float Filled(int t) => 15f + 7f * t;

    public ViewerFixture()
    {
        foreach (var path in new[] { Nc, Zarr }) WriteGrid(path);
        var batch = new ImportBatch("test", "UTC");
        batch.AddStation(new Station("A", "Alpha", 160.15, 20.05));
        batch.AddStation(new Station("B", "Beta", 160.45, 20.35));
        batch.AddStation(new Station("C", "Outside", 100, 30));
        for (var t = 0; t < Steps; t++)
        {
            batch.GetOrAddSeries("A", Variables.Pm25).Set(HourAxis.ToHour(T0) + t, ObsA[t], "test");
            batch.GetOrAddSeries("B", Variables.Pm25).Set(HourAxis.ToHour(T0) + t, ObsB[t], "test");
            batch.GetOrAddSeries("C", Variables.Pm25).Set(HourAxis.ToHour(T0) + t, 1, "test");
        }
        using (var store = AqStore.OpenWrite(Store))
        {
            StoreWriter.Ingest(store, batch);
            var filled = new Core.Fill.FilledRecord([new Station("A", "Alpha", 160.15, 20.05)], T0, Steps) { Method = "test" };
            for (var t = 0; t < Steps; t++) (filled.Value[t], filled.Lower[t], filled.Upper[t]) = (Filled(t), Filled(t) - 5, Filled(t) + 5);
            Core.Store.FilledStore.Write(store, filled);
        }
        Directory.CreateDirectory(Model);
        File.WriteAllText(Path.Combine(Model, "model.json"), """{"format": "x", "stations": [{"id": "A", "name": "Alpha"}]}""");
    }

    private static void WriteGrid(string path)
    {
        var steps = OutputSteps.Hourly(T0, Steps);
        var info = new ProductInfo("t", "inst", "src", "2024-01-01T00:00:00Z aqnet reanalyze --out x.nc", "refs", "CC BY 4.0");
        var layout = new ReanalysisLayout
        {
            Grid = Grid, Steps = steps, Daily = false, StepVariables = [GridVariable.Pm25(), GridVariable.Pm25Uncertainty()],
            FarThresholdKm = 20, FarRule = "test rule", ChunkRows = 3,
            Globals = CfMetadata.Globals(info, steps[0].StartUtc, steps[^1].EndUtc, "PT1H", (20, 20.4, 160, 160.6)),
        };
        using var w = DatasetWriter.For(path, ReanalysisSchema.Build(layout));
        const int cells = NLon * NLat;
        for (var t = 0; t < Steps; t++)
        {
            w.Write<float>("pm25", t * cells, [.. Enumerable.Range(0, cells).Select(c => c == 23 ? float.NaN : Pm25(t, c))]);
            w.Write<float>("pm25_uncertainty", t * cells, [.. Enumerable.Range(0, cells).Select(Uncertainty)]);
        }
        w.Write<float>("distance_to_nearest_station", 0, [.. Enumerable.Range(0, cells).Select(c => 2f * c)]);
        w.Write<sbyte>("far_from_stations", 0, [.. Enumerable.Range(0, cells).Select(c => (sbyte)(2f * c > 20 ? 1 : 0))]);
        w.Complete();
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
