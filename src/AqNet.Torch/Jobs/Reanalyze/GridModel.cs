using AqNet.Core.Data;
using AqNet.Core.NetCdf;
using AqNet.Core.Spatial;

namespace AqNet.Torch.Jobs.Reanalyze;

/// <summary>What `aqnet reanalyze` estimates a grid with: the neural kNN of `experiment spatial` (<see cref="KnnGridModel"/>)
/// or the production aqnet-st model of `aqnet fit` (<see cref="StGridModel"/>), chosen by what the --model folder holds.</summary>
internal interface IGridModel : IDisposable
{
    /// <summary>The stations whose observations the model reads.</summary>
    IReadOnlyList<Station> Stations { get; }
    IReadOnlyList<string> Variables { get; }
    /// <summary>Hours read before --from and after --to (the windows around the first and last hours).</summary>
    int HoursBefore { get; }
    int HoursAfter { get; }
    /// <summary>Peak bytes per grid cell of a tile, for the tile height.</summary>
    long TileBytesPerCell { get; }
    /// <summary>The per-step variables; the first is pm25.</summary>
    IReadOnlyList<GridVariable> StepVariables { get; }
    /// <summary>The `source` attribute: the model and what its uncertainty variables mean.</summary>
    string Source(string stationNames);
    string Describe { get; }

    /// <summary>Estimates at <paramref name="points"/> for panel hours [from, to): one array per step variable,
    /// [hour, point], µg/m³, never negative.</summary>
    float[][] Estimate(Panel panel, IReadOnlyList<GeoPoint> points, int from, int to, CancellationToken ct);
}

/// <summary>Opens the model of a --model folder: model.aqst (aqnet fit) or the neural kNN files (experiment spatial).</summary>
internal static class GridModels
{
    /// <summary>Refuses a --model that is not a folder, before any other work.</summary>
    public static void CheckFolder(string dir)
    {
        if (!Directory.Exists(dir))
            throw new InputException($"--model '{dir}' is not a folder holding a trained model (a folder of `aqnet fit`, or DIR/model of `aqnet experiment spatial`)");
    }

    public static IGridModel Open(string dir, Core.Store.AqStore store, IReadOnlyList<int>? ks)
    {
        CheckFolder(dir);
        if (File.Exists(Path.Combine(dir, Torch.Impute.StCheckpoint.FileName))) return StGridModel.Open(dir, store);
        return new KnnGridModel(Torch.Spatial.NeuralKnnEstimator.Load(dir, store), ks);
    }

    /// <summary>The UTC offset of the network the model reads: the store's rule over the model's stations, as the panel
    /// of <see cref="ReanalyzeJob"/> gets it, so local days are cut alike with or without shards.</summary>
    public static int NetworkOffset(string dir, string storePath, IReadOnlyList<int>? ks)
    {
        using var store = Core.Store.AqStore.OpenRead(storePath);
        using var model = Open(dir, store, ks);
        var ids = model.Stations.Select(s => s.Id).ToHashSet();
        return Core.Store.StoreReader.UtcOffsetHours([.. Core.Store.StoreReader.Stations(store).Where(s => ids.Contains(s.Station.Id))]);
    }
}
