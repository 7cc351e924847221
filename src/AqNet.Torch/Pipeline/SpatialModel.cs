using AqNet.Core.Data;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Grid;
using AqNet.Core.Spatial;
using AqNet.Torch.Runtime;
using AqNet.Torch.Spatial;
using AqNet.Torch.Jobs.Reanalyze;
using AqNet.Torch.Jobs.Spatial;

namespace AqNet;

/// <summary>How <see cref="SpatialModel.Train"/> splits and trains. The split hides a fraction of the stations (spread
/// over the network) and keeps the last part of the hours for testing; the model never sees either.</summary>
public sealed record SpatialTraining
{
    /// <summary>Fraction of the located stations hidden from training and scored as unseen sites.</summary>
    public double HiddenFraction { get; init; } = 0.2;
    /// <summary>Last fraction of the hours kept for the test.</summary>
    public double TestFraction { get; init; } = 0.2;
    /// <summary>A smoke-test schedule (2 epochs of 20 batches): seconds instead of minutes, weaker estimates.</summary>
    public bool Quick { get; init; }
    /// <summary>Training schedule when not <see cref="Quick"/>.</summary>
    public int Epochs { get; init; } = 4;
    /// <summary>Batches per epoch when not <see cref="Quick"/>.</summary>
    public int StepsPerEpoch { get; init; } = 100;
}

/// <summary>The grid files a reanalysis wrote: the NetCDF (or Zarr) file, its markdown summary, and the text report.</summary>
public sealed record GridFiles(string Path, string SummaryPath, string Report);

/// <summary>The neural kNN (AQ-Net's spatial model): PM2.5 anywhere from the surrounding stations. Trained and scored
/// against mean, nearest, IDW and kriging at hidden stations; then writes gridded estimates with their spread.</summary>
/// <example><code>
/// var model = SpatialModel.Train(data, "runs/spatial", new SpatialTraining { Quick = true });
/// Console.WriteLine(model.Score("aqnet-knn"));                  // MAE at hidden stations, µg/m³
/// model.WriteGrid(data, new GridSpec(115.9, 39.6, 116.9, 40.5, 0.05), from, to, "beijing.nc");
/// </code></example>
public sealed class SpatialModel
{
    private SpatialModel(string folder, SpatialExperimentResult? evaluation) => (Folder, Evaluation) = (folder, evaluation);

    /// <summary>The saved model (weights, options, stations).</summary>
    public string Folder { get; }

    /// <summary>The evaluation made while training (null for a model opened from a folder): pooled and per-station
    /// errors of every model at the hidden stations on the test hours.</summary>
    public SpatialExperimentResult? Evaluation { get; }

    /// <summary>Trains on the visible stations of <paramref name="data"/>, scores it and the classical interpolators at
    /// the hidden ones, and writes results.json, report.md, predictions.csv, figures/ and model/ into <paramref name="outputDir"/>.</summary>
    public static SpatialModel Train(Observations data, string outputDir, SpatialTraining? settings = null,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = settings ?? new SpatialTraining();
        TorchRuntime.EnsureLoaded();
        var result = SpatialExperiment.Run(new SpatialExperimentOptions
        {
            StorePath = data.StorePath, OutputDir = outputDir, Protocol = SpatialProtocolKind.Holdout, HiddenRatio = s.HiddenFraction,
            TestFraction = s.TestFraction, Quick = s.Quick, Epochs = s.Epochs, StepsPerEpoch = s.StepsPerEpoch,
        }, progress, ct);
        return new SpatialModel(Path.Combine(outputDir, "model"), result);
    }

    /// <summary>A model saved by <see cref="Train"/> or `aqnet experiment spatial` (DIR/model).</summary>
    public static SpatialModel Open(string folder) => Directory.Exists(folder)
        ? new SpatialModel(folder, null)
        : throw new InputException($"model folder '{folder}' does not exist; expected DIR/model of a spatial training");

    /// <summary>The pooled error of one model (aqnet-knn, kriging, idw, nearest, mean) at the hidden stations, now-cast.</summary>
    public SpatialMetricRow? Score(string model) => Evaluation?.Pooled(model);

    /// <summary>Writes PM2.5 on a regular grid for every hour (or, with <paramref name="daily"/>, every local day of the
    /// network) from <paramref name="fromUtc"/> to <paramref name="toUtc"/> (inclusive): NetCDF for *.nc, Zarr for
    /// *.zarr, with the spread over k, the distance to the nearest station and a far-from-stations mask; maps as PNG
    /// into <paramref name="mapsFolder"/> when given.</summary>
    public GridFiles WriteGrid(Observations data, GridSpec grid, DateTime fromUtc, DateTime toUtc, string outPath,
        bool daily = false, string? mapsFolder = null, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var report = ReanalyzeJob.Run(new ReanalyzeOptions
        {
            ModelDir = Folder, StorePath = data.StorePath, Grid = grid, FromUtc = fromUtc, ToUtc = toUtc, OutPath = outPath,
            Daily = daily, PngDir = mapsFolder,
        }, progress, ct);
        return new GridFiles(outPath, ReanalyzeJob.ReportPath(outPath), report);
    }
}
