using AqNet.Core.Data;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Preprocessing;
using AqNet.Core.Spatial;
using AqNet.Core.Splitting;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Spatial;

/// <summary>A trained neural kNN with everything needed to apply it: options, the scaler (fitted on the training hours
/// of the visible stations), the visible stations (ids and positions, model order) and the data fingerprint.
/// <see cref="Train"/> removes hidden stations from the panel before anything else; <see cref="Estimate"/> is the
/// batched inference for grids; Save / Load in NeuralKnnEstimator.Persistence.cs.</summary>
public sealed partial class NeuralKnnEstimator : IDisposable
{
    private NeuralKnnEstimator(NeuralKnnModel model, StandardScaler scaler, IReadOnlyList<Station> stations, string fingerprint,
        DateTime trainFromUtc, DateTime trainToUtc, IReadOnlyList<Training.EpochRecord> history)
    {
        Model = model; Scaler = scaler; Stations = stations; Fingerprint = fingerprint;
        TrainFromUtc = trainFromUtc; TrainToUtc = trainToUtc; History = history;
        Points = [.. stations.Select(s => GeoPoint.Of(s) ?? throw new InputException($"station '{s.Id}' has no coordinates"))];
    }

    public NeuralKnnModel Model { get; }
    public NeuralKnnOptions Options => Model.Options;
    public StandardScaler Scaler { get; }
    /// <summary>The visible stations the model reads, in model order.</summary>
    public IReadOnlyList<Station> Stations { get; }
    public IReadOnlyList<GeoPoint> Points { get; }
    public string Fingerprint { get; }
    /// <summary>Training hours [from, to), UTC.</summary>
    public DateTime TrainFromUtc { get; }
    public DateTime TrainToUtc { get; }
    public IReadOnlyList<Training.EpochRecord> History { get; }

    /// <summary>Trains on <paramref name="panel"/> minus the hidden stations (and stations without coordinates): the
    /// scaler, the neighbour sets and every batch see only the visible panel. Hour ranges are panel indices.</summary>
    public static NeuralKnnEstimator Train(Panel panel, IReadOnlyCollection<string> hiddenIds, HourRange train, HourRange validation,
        NeuralKnnOptions options, NeuralKnnTrainOptions trainOptions, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trainOptions);
        options.Validate();
        trainOptions.Validate();
        if (train.Start < 0 || train.End > panel.Hours || validation.Start < 0 || validation.End > panel.Hours || train.Length <= 0)
            throw new ArgumentOutOfRangeException(nameof(train), $"training {train} and validation {validation} must lie inside the panel's [0, {panel.Hours})");
        TorchRuntime.EnsureLoaded();
        if (trainOptions.Threads > 0) set_num_threads(trainOptions.Threads);
        var visible = PanelStations.WithoutHidden(panel, hiddenIds);
        var all = Enumerable.Range(0, visible.S).ToArray();
        var points = visible.Stations.Select(s => GeoPoint.Of(s)!.Value).ToArray();
        var scaler = StationFeatures.FitScaler(visible, options, train.Start, train.End);
        if (options.DistanceScaleKm == 0) options = options with { DistanceScaleKm = NeighbourGeometry.MeanNeighbourDistanceKm(points, options.MaxK) };
        if (options.KrigingBase) options = options with { Variogram = KrigingVariogram.Fit(visible, train.Start, train.End) };
        manual_seed(trainOptions.Seed);
        var model = new NeuralKnnModel(options);
        try
        {
            var feats = StationFeatures.Build(visible, all, options, scaler, 0, Math.Max(train.End, validation.End));
            var geometry = NeighbourGeometry.Of(points, points, Math.Min(options.MaxK, visible.S - 1), options.DistanceScaleKm, all);
            progress?.Report($"aqnet-knn: {visible.S} visible stations, {options}");
            var ids = visible.Stations.Select(s => s.Id).ToArray();
            var fp = SpatialFingerprint.Of(visible, all, train.Start, train.End);
            var history = NeuralKnnTrainer.Fit(model, feats, geometry, ids, train, validation, trainOptions, fp, progress, ct, points);
            return new NeuralKnnEstimator(model, scaler, visible.Stations, fp, visible.TimeAt(train.Start), visible.TimeAt(train.End), history);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Estimates at each point for the issue hours [fromHour, toHour) of <paramref name="panel"/>, which must hold
    /// the model's stations (by id) and variables; other stations in it are ignored. Each station's window is encoded once
    /// per hour; per point only the weighting and decoder run. ks: default the model's; capped at the stations.</summary>
    public KnnEstimate Estimate(Panel panel, IReadOnlyList<GeoPoint> points, int fromHour, int toHour, IReadOnlyList<int>? ks = null) =>
        KnnInference.Run(this, panel, points, fromHour, toHour, ks ?? Options.Ks);

    /// <summary>One hour: see the range overload.</summary>
    public KnnEstimate Estimate(Panel panel, IReadOnlyList<GeoPoint> points, int hour, IReadOnlyList<int>? ks = null) =>
        Estimate(panel, points, hour, hour + 1, ks);

    private (IReadOnlyList<GeoPoint> Points, KnnKernel Kernel)? lastKernel;

    /// <summary>The prepared kernel for these points and k values; the last one is kept, so a reanalysis that asks for
    /// the same grid slice after slice computes its neighbours and geometry once.</summary>
    internal KnnKernel KernelFor(IReadOnlyList<GeoPoint> points, int[] useKs)
    {
        if (lastKernel is { } c && ReferenceEquals(c.Points, points) && c.Kernel.Ks.SequenceEqual(useKs)) return c.Kernel;
        var kernel = KnnInference.Prepare(this, points, useKs);
        lastKernel = (points, kernel);
        return kernel;
    }

    /// <summary>Panel index of each model station, or an InputException naming the first missing one.</summary>
    internal int[] StationIndices(Panel panel)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < panel.S; i++) byId.TryAdd(panel.Stations[i].Id, i);
        return [.. Stations.Select(s => byId.TryGetValue(s.Id, out var i) ? i
            : throw new InputException($"the panel lacks station '{s.Id}', one of the {Stations.Count} stations the neural kNN was trained on"))];
    }

    public void Dispose() => Model.Dispose();
}
