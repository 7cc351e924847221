using AqNet.Core.Data;
using AqNet.Core.Impute;
using AqNet.Torch.Runtime;
using static TorchSharp.torch;

namespace AqNet.Torch.Impute;

/// <summary>aqnet-st as an <see cref="IImputer"/>: trained once per fold on the fold's training input, then asked for
/// any cells — gaps at observed stations, hidden stations (virtual sensing), hours after the last input (forecasts).
/// Each cell's estimate averages the windows around it, weighted towards the window centre.</summary>
public sealed class StImputer(StOptions options, StTrainOptions train) : IImputer, IDisposable
{
    private const int InferenceBatch = 256;
    private StModel? _model;
    private readonly SameHourImputer _kriging = new(new Core.Spatial.KrigingInterpolator(), ImputeModelKind.Kriging);
    private float _mean, _std = 1;
    private StationRegression? _regression;
    private StOptions _options = options;

    /// <summary>The model's shape; after Fit, with the short-gap length chosen on the task's validation points.</summary>
    public StOptions Options => _options;

    public ImputeModelKind Kind => ImputeModelKind.AqnetSt;
    public IReadOnlyList<Training.EpochRecord> History { get; private set; } = [];

    public void Fit(ImputeTask task, ImputeFold fold, IProgress<string>? progress, CancellationToken ct)
    {
        train.Validate();
        TorchRuntime.EnsureLoaded();
        var cells = ImputeViews.TrainingCells(task, fold);
        (_mean, _std) = Moments(task.Truth, cells);
        // The longest gap the base fills linearly in time is chosen on validation points, as the hybrid baseline chooses it.
        var hybrid = new HybridImputer();
        hybrid.Fit(task, fold, null, ct);
        _options = _options with { ShortGapHours = hybrid.MaxGapHours };
        manual_seed(train.Seed);
        _model?.Dispose();
        _model = new StModel(_options);
        progress?.Report($"aqnet-st: linear base for gaps up to {_options.ShortGapHours} h; the kriging base at every hour of {task.S} stations");
        _kriging.Fit(task, fold, progress, ct);
        _regression = StationRegression.Fit(task, cells, fold.Hidden, _options.Neighbours);
        var trainingView = new ImputeView(task, cells, fold.Hidden);
        var graph = new StGraph(task, fold.Hidden, _options.Neighbours, _mean, _std, Kriging(trainingView, Enumerable.Repeat(true, task.S).ToArray(), ct), _options.ShortGapHours)
        {
            KrigingCell = new SameHourCell(trainingView, _kriging.Interpolator),
            Regression = _regression,
        };
        var starts = Enumerable.Range(0, Math.Max(0, task.T - _options.Window + 1))
            .Where(t0 => Enumerable.Range(t0, _options.Window).All(h => task.Roles[h] == HourRole.Train)).ToArray();
        var targets = Enumerable.Range(0, task.S).Where(s => !fold.Hidden[s] && task.Stations[s].HasCoordinates).ToArray();
        var validation = EpochValidation(task, fold, train.MaxValidationPoints)
            .Select(v => (v.View, v.Where, Graph: GraphFor(v.View, v.Where, ct))).ToArray();
        double Validate()
        {
            double sum = 0; long n = 0;
            foreach (var (view, where, g) in validation)
            {
                var e = Estimate(view, where, g, ct);
                for (var i = 0; i < where.Length; i++)
                    if (where[i]) { sum += Math.Abs(e.Median[i] - task.Truth[i]); n++; }
            }
            return n > 0 ? sum / n : double.NaN;
        }
        History = StTrainer.Fit(_model, graph, cells, starts, targets, train, Validate, progress, ct);
    }

    public ImputeEstimates Estimate(ImputeView view, bool[] where, CancellationToken ct) => Estimate(view, where, GraphFor(view, where, ct), ct);

    /// <summary>The trained network (null before Fit or Restore).</summary>
    internal StModel? Network => _model;
    /// <summary>The scaler of PM2.5, µg/m³.</summary>
    public (float Mean, float Std) Scaler => (_mean, _std);

    /// <summary>A saved model: the scaler, and the weights read by <paramref name="load"/> into a fresh network.</summary>
    internal void Restore(float mean, float std, Action<StModel> load)
    {
        TorchRuntime.EnsureLoaded();
        (_mean, _std) = (mean, std);
        _model?.Dispose();
        _model = new StModel(_options);
        load(_model);
        _model.eval();
    }

    /// <summary>What a restored production model gives on data of its own (a task of <see cref="ImputeProduction.Inputs"/>):
    /// the classical parts (the kriging variogram, each station's regression on its neighbours) fitted on the task's input, estimates at <paramref name="where"/> with
    /// <paramref name="hidden"/> stations never read as neighbours, the stored interval calibration applied, and
    /// estimate and bounds cut at 0 µg/m³ (NaN where no window reached).</summary>
    public ImputeEstimates EstimateCalibrated(ImputeTask task, bool[] hidden, bool[] where, IntervalCalibration calibration, CancellationToken ct)
    {
        var fold = task.Folds[0];
        _kriging.Fit(task, fold, null, ct);
        _regression = StationRegression.Fit(task, ImputeViews.TrainingCells(task, fold), hidden, _options.Neighbours);
        var e = Estimate(new ImputeView(task, fold.Input, hidden), where, ct);
        calibration.Apply(e, where);
        foreach (var a in new[] { e.Median, e.Lower, e.Upper })
            for (var i = 0; i < a.Length; i++) a[i] = Math.Max(0, a[i]);   // Math.Max keeps NaN
        return e;
    }

    /// <summary>The view's graph, with kriging at every hour of the stations that have cells to estimate.</summary>
    private StGraph GraphFor(ImputeView view, bool[] where, CancellationToken ct)
    {
        var stations = new bool[view.Task.S];
        for (var i = 0; i < where.Length; i++) if (where[i]) stations[i % view.Task.S] = true;
        return GraphOf(view, stations, ct);
    }

    /// <summary>The view's graph, with kriging at every hour of <paramref name="stations"/> [S].</summary>
    private StGraph GraphOf(ImputeView view, bool[] stations, CancellationToken ct) =>
        new(view.Task, view.Hidden, _options.Neighbours, _mean, _std, Kriging(view, stations, ct), _options.ShortGapHours) { Regression = _regression };

    private float[] Kriging(ImputeView view, bool[] stations, CancellationToken ct)
    {
        var cells = new bool[view.Task.T * view.Task.S];
        for (var i = 0; i < cells.Length; i++) cells[i] = stations[i % view.Task.S];
        return _kriging.EstimateSameHourOnly(view, cells, ct).Median;
    }

    private ImputeEstimates Estimate(ImputeView view, bool[] where, StGraph graph, CancellationToken ct)
    {
        var model = _model ?? throw new InvalidOperationException("aqnet-st: call Fit before Estimate");
        var task = view.Task;
        var (W, S, T) = (_options.Window, task.S, task.T);
        var stride = Math.Max(1, W / 4);
        var samples = new List<(int S, int T0)>();
        for (var s = 0; s < S; s++)
        {
            var starts = new SortedSet<int>();
            for (var t = 0; t < T; t++)
            {
                if (!where[t * S + s]) continue;
                for (var k = (int)Math.Ceiling((t - W + 1) / (double)stride); k * stride <= t; k++) starts.Add(k * stride);
            }
            samples.AddRange(starts.Select(t0 => (s, t0)));
        }
        var acc = new double[3 * where.Length];
        var weight = new double[where.Length];
        RunTargets(model, graph, view.Input, samples, null, ct, (n, q, at) =>
        {
            var (s, t0) = samples[n];
            for (var w = 0; w < W; w++)
            {
                var h = t0 + w;
                if (h < 0 || h >= T || !where[h * S + s]) continue;
                var wt = Math.Min(w + 1, W - w);   // windows weigh the hours near their centre most
                var i = h * S + s;
                for (var k = 0; k < 3; k++) acc[3 * i + k] += wt * q[at + w * 3 + k];
                weight[i] += wt;
            }
        });
        var e = ImputeEstimates.Empty(where.Length);
        for (var i = 0; i < where.Length; i++)
        {
            if (!where[i] || weight[i] == 0) continue;
            e.Lower[i] = graph.Unscale((float)(acc[3 * i] / weight[i]));
            e.Median[i] = graph.Unscale((float)(acc[3 * i + 1] / weight[i]));
            e.Upper[i] = graph.Unscale((float)(acc[3 * i + 2] / weight[i]));
        }
        return e;
    }

    /// <summary>Forecasts: for each (station, origin hour), the medians (µg/m³) of hours origin + 1 … origin + H, from the
    /// view's input up to the origin only (every later hour of every station masked, inside and after the window, and the
    /// kriging base not read there). Each forecast is one window ending at origin + H. Returns [n, H].</summary>
    public float[] Forecast(ImputeView view, IReadOnlyList<(int Station, int Origin)> at, int horizon, CancellationToken ct)
    {
        var model = _model ?? throw new InvalidOperationException("aqnet-st: call Fit before Forecast");
        var (W, N) = (_options.Window, _options.Neighbours + 1);
        if (horizon < 1 || horizon >= W)
            throw new InputException($"aqnet-st forecasts 1 to {W - 1} hours ahead with its {W} h window; asked for {horizon}");
        var stations = new bool[view.Task.S];
        foreach (var (s, _) in at) stations[s] = true;
        var graph = GraphOf(view, stations, ct);
        var cut = W - horizon;
        var hide = StHide.Forecast(N, W, cut);
        var result = new float[at.Count * horizon];
        var windows = at.Select(a => (a.Station, a.Origin + horizon - W + 1)).ToArray();   // each ends at origin + H
        RunTargets(model, graph, view.Input, windows, hide, ct, (n, q, first) =>
        {
            for (var k = 0; k < horizon; k++) result[n * horizon + k] = graph.Unscale(q[first + (cut + k) * 3 + 1]);
        });
        return result;
    }

    /// <summary>The network over (station, window start) samples in batches; <paramref name="use"/> gets each sample's
    /// index, the batch's target-node quantiles [rows, W, 3] (scaled) and where the sample's rows start in them.</summary>
    private void RunTargets(StModel model, StGraph graph, bool[] input, IReadOnlyList<(int S, int T0)> samples, StHide? hide,
        CancellationToken ct, Action<int, float[], int> use)
    {
        var W = _options.Window;
        var batch = new StBatch(InferenceBatch, _options.Neighbours + 1, W, graph.C);
        model.eval();
        using var noGrad = no_grad();
        for (var first = 0; first < samples.Count; first += InferenceBatch)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(InferenceBatch, samples.Count - first);
            // Every batch has the full shape (the last one padded with copies of its last sample): libtorch may choose
            // its kernels by shape, and an estimate must not depend on how many others share its batch (a shard of a
            // grid holds fewer cells than the single run, and equals it bit for bit).
            for (var b = 0; b < InferenceBatch; b++)
            {
                var (s, t0) = samples[first + Math.Min(b, rows - 1)];
                StFeatures.Fill(graph, input, batch, b, s, t0, hide, null);
            }
            using var scope = NewDisposeScope();
            var (x, t, weight, _, _) = StTensors.Of(batch, InferenceBatch);
            var q = model.forward(x, t, weight).select(1, 0).contiguous().data<float>().ToArray();   // target node: [B, W, 3]
            for (var b = 0; b < rows; b++) use(first + b, q, b * W * 3);
        }
    }

    private static (float Mean, float Std) Moments(float[] values, bool[] cells)
    {
        double s = 0, s2 = 0; long n = 0;
        for (var i = 0; i < cells.Length; i++)
            if (cells[i]) { s += values[i]; s2 += (double)values[i] * values[i]; n++; }
        if (n < 2) throw new InputException("fewer than two training observations; expected a training part with data");
        var mean = s / n;
        return ((float)mean, (float)Math.Max(1e-3, Math.Sqrt(Math.Max(0, s2 / n - mean * mean))));
    }

    /// <summary>The validation points scored after every epoch: at most <paramref name="max"/> in all, evenly spaced,
    /// the fold's validation sets in order (the protocol's own first).</summary>
    private static List<(ImputeView View, bool[] Where)> EpochValidation(ImputeTask task, ImputeFold fold, int max)
    {
        var sets = new List<(ImputeView, bool[])>();
        foreach (var v in fold.Validation)
        {
            if (max <= 0) break;
            var where = Thin(v.Eval, max);
            max -= where.Count(b => b);
            sets.Add((ImputeViews.Validation(task, fold, v), where));
        }
        return sets;
    }

    /// <summary>At most <paramref name="max"/> of the true cells, evenly spaced.</summary>
    private static bool[] Thin(bool[] cells, int max)
    {
        var idx = Enumerable.Range(0, cells.Length).Where(i => cells[i]).ToArray();
        if (idx.Length <= max) return cells;
        var r = new bool[cells.Length];
        for (var k = 0; k < max; k++) r[idx[(int)((long)k * idx.Length / max)]] = true;
        return r;
    }

    public void Dispose() => _model?.Dispose();
}
