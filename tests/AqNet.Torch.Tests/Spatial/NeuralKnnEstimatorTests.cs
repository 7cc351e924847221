using AqNet.Core.Data;
using AqNet.Core.Spatial;
using AqNet.Torch.Runtime;
using AqNet.Torch.Spatial;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests.Spatial;

public sealed class NeuralKnnEstimatorTests
{
    public NeuralKnnEstimatorTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static GeoPoint At(Panel p, string id) => GeoPoint.Of(p.Stations.Single(s => s.Id == id))!.Value;

    [Fact]
    public void Hidden_stations_never_reach_a_training_batch_and_their_data_cannot_change_the_model()
    {
        var panel = KnnFixtures.Panel();
        string[] hidden = ["S4", "S7"];
        var batches = new List<KnnBatchInfo>();
        using var est = KnnFixtures.Trained(panel, hidden, KnnFixtures.Train(epochs: 2, steps: 3, onBatch: batches.Add));
        Assert.Equal(6, batches.Count);
        foreach (var b in batches)
        {
            Assert.Equal(7, b.InputStations.Count);
            Assert.Empty(b.InputStations.Intersect(hidden));
            Assert.Empty(b.TargetStations.Intersect(hidden));
            Assert.Empty(b.NeighbourStations.Intersect(hidden));
            Assert.All(b.Hours, h => Assert.InRange(h, 0, KnnFixtures.Ranges().Train.End - 1));
        }
        Assert.DoesNotContain(est.Stations, s => hidden.Contains(s.Id));

        // Garbage in the hidden stations' data: the same seed must give the very same model and fingerprint.
        var dirty = KnnFixtures.Panel();
        foreach (var id in hidden)
        {
            var s = dirty.Stations.ToList().FindIndex(x => x.Id == id);
            for (var t = 0; t < dirty.Hours; t++) for (var v = 0; v < dirty.V; v++) dirty.Set(t, s, v, 5000f + t);
        }
        using var est2 = KnnFixtures.Trained(dirty, hidden, KnnFixtures.Train(epochs: 2, steps: 3));
        Assert.Equal(est.Fingerprint, est2.Fingerprint);
        var q = new[] { At(panel, "S4"), At(panel, "S7") };
        Assert.Equal(est.Estimate(panel, q, 300, 310).Mean, est2.Estimate(dirty, q, 300, 310).Mean);
    }

    [Fact]
    public void Neighbour_dropout_changes_training_reproducibly_and_only_probabilities_below_1_are_allowed()
    {
        var panel = KnnFixtures.Panel();
        string[] hidden = ["S4"];
        var q = new[] { At(panel, "S4") };
        using var plain = KnnFixtures.Trained(panel, hidden);
        using var a = KnnFixtures.Trained(panel, hidden, KnnFixtures.Train() with { NeighbourDropout = 0.3 });
        using var b = KnnFixtures.Trained(panel, hidden, KnnFixtures.Train() with { NeighbourDropout = 0.3 });
        var (p0, pa, pb) = (plain.Estimate(panel, q, 300, 310).Mean, a.Estimate(panel, q, 300, 310).Mean, b.Estimate(panel, q, 300, 310).Mean);
        Assert.Equal(pa, pb);                 // the drops come from the training seed
        Assert.NotEqual(p0, pa);              // and they do change what is learned
        Assert.All(pa, x => Assert.True(float.IsFinite(x)));
        foreach (var bad in new[] { 1.0, -0.1, double.NaN })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => (KnnFixtures.Train() with { NeighbourDropout = bad }).Validate());
            Assert.Equal("NeighbourDropout", e.ParamName);
        }
    }

    [Fact]
    public void K1_at_a_stations_own_location_reproduces_its_decoded_value()
    {
        // Decoded value of station s at hour t: the model on s's own window with s as its only neighbour at distance 0
        // (the weight is trivially 1, so it is decoder(encode(window of s)), with v̄ = s's PM2.5 at t), unscaled.
        var panel = KnnFixtures.Panel();
        using var est = KnnFixtures.Trained(panel, []);
        const int t = 250;
        var est1 = est.Estimate(panel, [At(panel, "S2")], t, [1]);
        var o = est.Options;
        var feats = StationFeatures.Build(panel, [2], o, est.Scaler, 0, panel.Hours);
        var x = new float[o.Window * o.Features];
        feats.CopyWindow(0, t, o.Window, x);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var (y, w) = est.Model.Forward(tensor(x).view(1, 1, o.Window, o.Features), tensor(new float[] { 0, 0, 0, 1, 0 }).view(1, 1, NeighbourGeometry.G),
            zeros(1, 1), tensor(new[] { feats.Pm25Scaled[t] }).view(1, 1), ones(1, 1, ScalarType.Bool));
        var decoded = y.item<float>() * (float)est.Scaler.Std[0] + (float)est.Scaler.Mean[0];
        Assert.Equal(1f, w.item<float>());
        Assert.Equal(decoded, est1.Mean[0], 3);
        Assert.Equal(0f, est1.Spread[0]);
        // And it is a decoded value, not the observation copied through.
        Assert.NotEqual(panel.Values[panel.Index(t, 2, 0)], est1.Mean[0]);
    }

    [Fact]
    public void Several_k_give_a_mean_and_a_spread_and_unobserved_hours_give_NaN()
    {
        var panel = KnnFixtures.Panel();
        using var est = KnnFixtures.Trained(panel, ["S4"]);
        var q = new[] { At(panel, "S4"), new GeoPoint(116.3, 39.85) };
        var each = new[] { 2, 4 }.Select(k => est.Estimate(panel, q, 200, 205, [k]).Mean).ToArray();
        var both = est.Estimate(panel, q, 200, 205, [2, 4, 40]); // 40 is capped at the 8 visible stations
        Assert.Equal([2, 4, 8], both.Ks);
        Assert.Equal(10, both.Mean.Length);
        Assert.True(both.Spread.All(s => s >= 0));
        var blank = KnnFixtures.Panel();
        for (var s = 0; s < blank.S; s++) for (var v = 0; v < blank.V; v++) blank.Set(203, s, v, float.NaN);
        var gap = est.Estimate(blank, q, 203, [2]);
        Assert.True(float.IsNaN(gap.Mean[0]) && float.IsNaN(gap.Spread[1]));
        Assert.NotEqual(each[0], each[1]);
    }

    [Fact]
    public void A_range_of_hours_over_many_points_equals_hour_by_hour_estimates()
    {
        // 210 points × 100 hours = 21,000 (hour, point) rows: more than one row chunk of 16,384, cut inside an hour.
        var panel = KnnFixtures.Panel();
        using var est = KnnFixtures.Trained(panel, ["S4"]);
        var pts = Enumerable.Range(0, 210).Select(i => new GeoPoint(116.15 + 0.002 * i, 39.75 + 0.001 * i)).ToArray();
        var all = est.Estimate(panel, pts, 200, 300);
        foreach (var t in new[] { 200, 277, 278, 299 })
        {
            var one = est.Estimate(panel, pts, t);
            for (var p = 0; p < pts.Length; p += 13)
            {
                Assert.Equal(one.Mean[one.Index(0, p)], all.Mean[all.Index(t - 200, p)], 4);
                Assert.Equal(one.Spread[one.Index(0, p)], all.Spread[all.Index(t - 200, p)], 4);
            }
        }
    }

    [Fact]
    public void Save_and_load_give_identical_predictions_and_another_fingerprint_is_refused_naming_both()
    {
        var panel = KnnFixtures.Panel();
        using var est = KnnFixtures.Trained(panel, ["S0"]);
        var dir = Path.Combine(Fixtures.TempDir(), "model");
        est.Save(dir);
        est.Save(dir); // overwriting an existing model is atomic too
        var q = new[] { new GeoPoint(116.21, 39.81), new GeoPoint(116.4, 39.95) };
        using var back = NeuralKnnEstimator.Load(dir, est.Fingerprint);
        Assert.Equal(est.Estimate(panel, q, 100, 140).Mean, back.Estimate(panel, q, 100, 140).Mean);
        Assert.Equal(est.Options, back.Options with { Ks = est.Options.Ks, Horizons = est.Options.Horizons, Variables = est.Options.Variables });
        Assert.Equal(est.Fingerprint, back.FingerprintOf(panel));
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetDirectoryName(dir)!), d => d != dir);

        var other = KnnFixtures.Panel(seed: 4);
        var e = Assert.Throws<InputException>(() => NeuralKnnEstimator.Load(dir, back.FingerprintOf(other)));
        Assert.Contains(est.Fingerprint, e.Message);
        Assert.Contains(back.FingerprintOf(other), e.Message);
        Assert.Throws<InputException>(() => NeuralKnnEstimator.Load(Path.Combine(dir, "nope"), (string?)null));
        Assert.Throws<InputException>(() => back.Estimate(PanelWithout(panel, "S3"), q, 100));
    }

    [Fact]
    public void A_saved_model_whose_weights_were_changed_is_refused_by_their_checksum()
    {
        using var est = KnnFixtures.Trained(KnnFixtures.Panel(), ["S0"]);
        var dir = Path.Combine(Fixtures.TempDir(), "model");
        est.Save(dir);
        var weights = Path.Combine(dir, "weights.bin");
        var bytes = File.ReadAllBytes(weights);
        bytes[^4] ^= 0x01;   // one bit of the last float
        File.WriteAllBytes(weights, bytes);
        var e = Assert.Throws<InputException>(() => NeuralKnnEstimator.Load(dir, (string?)null));
        Assert.StartsWith($"{weights} is damaged: its SHA-256 does not match the one in model.json", e.Message);
    }

    [Fact]
    public void Training_loss_falls_on_a_smooth_field()
    {
        var panel = KnnFixtures.Panel();
        using var est = KnnFixtures.Trained(panel, ["S4"], KnnFixtures.Train(epochs: 8, steps: 10) with { LearningRate = 1e-2 });
        var h = est.History;
        Assert.Equal(8, h.Count);
        Assert.True(h[^1].TrainLoss < 0.25 * h[0].TrainLoss, $"train loss {string.Join(", ", h.Select(e => e.TrainLoss))}");
        Assert.True(h.Min(e => e.ValidationLoss) < h[0].ValidationLoss, $"validation loss {string.Join(", ", h.Select(e => e.ValidationLoss))}");
    }

    private static Panel PanelWithout(Panel p, string id) =>
        Core.Experiments.Spatial.PanelStations.Keep(p, [.. Enumerable.Range(0, p.S).Where(s => p.Stations[s].Id != id)]);
}

public sealed class KnnKernelTests
{
    public KnnKernelTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    /// <summary>The fused inference path (KnnKernel + decoder tail) against the model's own torch forward on the same
    /// neighbours: for k = 2 and k = 4 separately, and their mean and population spread together. (With several k the
    /// geometry, whose crowding term depends on the neighbour set, is that of the largest k, as in training, and so is
    /// the kriging base.)</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fused_inference_equals_the_torch_forward_for_each_k_and_their_mean_and_spread(bool krigingBase)
    {
        var panel = KnnFixtures.Panel();
        using var est = KnnFixtures.Trained(panel, [], KnnFixtures.Train(epochs: 2, steps: 4), krigingBase);
        Assert.Equal(krigingBase, est.Options.Variogram is not null);
        // A short training leaves the zero-initialised output layers near zero; random weights make every term count.
        manual_seed(11);
        using (no_grad())
            foreach (var p in est.Model.parameters())
                using (var r = randn_like(p)) p.copy_(r * 0.5f);
        var s1 = GeoPoint.Of(panel.Stations[1])!.Value;
        var s5 = GeoPoint.Of(panel.Stations[5])!.Value;
        var q = new GeoPoint((s1.Lon + s5.Lon) / 2 + 0.013, (s1.Lat + s5.Lat) / 2 - 0.007);
        const int t = 240;
        Assert.Equal(Forward(est, panel, q, t, 2, 2), est.Estimate(panel, [q], t, [2]).Mean[0], 2);
        Assert.Equal(Forward(est, panel, q, t, 4, 4), est.Estimate(panel, [q], t, [4]).Mean[0], 2);
        var (y2, y4) = (Forward(est, panel, q, t, 2, 4), Forward(est, panel, q, t, 4, 4));
        var both = est.Estimate(panel, [q], t, [2, 4]);
        Assert.Equal((y2 + y4) / 2, both.Mean[0], 2);
        Assert.Equal(Math.Abs(y2 - y4) / 2, both.Spread[0], 2);
        Assert.True(Math.Abs(y2 - y4) > 0.1, $"k = 2 and 4 should differ here: {y2} vs {y4}");
    }

    // The model's torch forward on the first k of the K nearest stations, in µg/m³.
    private static float Forward(NeuralKnnEstimator est, Panel panel, GeoPoint q, int t, int k, int kk)
    {
        var o = est.Options;
        var stationIdx = est.StationIndices(panel);
        var feats = StationFeatures.Build(panel, stationIdx, o, est.Scaler, 0, panel.Hours);
        var g = NeighbourGeometry.Of(est.Points, [q], kk, o.DistanceScaleKm);
        var x = new float[k * o.Window * o.Features];
        var v = new float[kk];
        var m = new bool[kk];
        for (var j = 0; j < kk; j++)
        {
            var st = (int)g.Indices[j];
            if (j < k) feats.CopyWindow(st, t, o.Window, x.AsSpan(j * o.Window * o.Features, o.Window * o.Features));
            v[j] = feats.Pm25Scaled[(t - feats.From) * stationIdx.Length + st];
            m[j] = g.Valid[j] && feats.Pm25Observed[(t - feats.From) * stationIdx.Length + st];
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var geo = tensor(g.Geo).view(1, kk, NeighbourGeometry.G).narrow(1, 0, k);
        var dist = tensor(g.DistancesKm).view(1, kk).narrow(1, 0, k);
        // The kriging base uses all kk neighbours, whatever k the weighting uses.
        var baseValue = o.Variogram is { } vg
            ? NeuralKnnModel.KrigingEstimate(tensor(vg.Weights(g, est.Points)).view(1, kk), tensor(v).view(1, kk), tensor(m).view(1, kk))
            : null;
        var (y, _) = est.Model.Forward(tensor(x).view(1, k, o.Window, o.Features), geo, dist, tensor(v).view(1, kk).narrow(1, 0, k),
            tensor(m).view(1, kk).narrow(1, 0, k), baseValue);
        return y.item<float>() * (float)est.Scaler.Std[0] + (float)est.Scaler.Mean[0];
    }

    /// <summary>With a kriging base and the decoder's zero-initialised output layer, the model IS ordinary kriging: its
    /// estimate is Σ λᵢ vᵢ with the OK weights of the fitted variogram, which sum to 1; a missing neighbour's weight
    /// is dropped and the rest renormalised.</summary>
    [Fact]
    public void An_untrained_model_with_a_kriging_base_returns_the_kriging_estimate()
    {
        var panel = KnnFixtures.Panel();
        var (train, _) = KnnFixtures.Ranges(panel.Hours);
        var vg = KrigingVariogram.Fit(panel, train.Start, train.End);
        var points = panel.Stations.Select(s => GeoPoint.Of(s)!.Value).ToArray();
        var q = new GeoPoint(points[2].Lon + 0.011, points[2].Lat - 0.006);
        var g = NeighbourGeometry.Of(points, [q], 4, 20);
        var lambda = vg.Weights(g, points);
        Assert.Equal(1.0, lambda.Sum(), 4);
        var expected = KrigingInterpolator.OrdinaryWeights(vg.Model(), 4, i => g.DistancesKm[i],
            (i, j) => Geodesy.DistanceKm(points[(int)g.Indices[i]], points[(int)g.Indices[j]]));
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], lambda[i], 5);

        manual_seed(1);
        using var model = new NeuralKnnModel(KnnFixtures.Options with { KrigingBase = true, Variogram = vg, DistanceScaleKm = 20 });
        model.eval();
        var o = model.Options;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = new float[] { 1.5f, -0.5f, 0.25f, 2f };
        var allObserved = ones(1, 4, ScalarType.Bool);
        var (all, _) = model.Forward(randn(1, 4, o.Window, o.Features), tensor(g.Geo).view(1, 4, NeighbourGeometry.G), tensor(g.DistancesKm).view(1, 4),
            tensor(values).view(1, 4), allObserved, NeuralKnnModel.KrigingEstimate(tensor(lambda).view(1, 4), tensor(values).view(1, 4), allObserved));
        Assert.Equal(Enumerable.Range(0, 4).Sum(i => lambda[i] * values[i]), all.item<float>(), 4);
        var oneMissing = tensor(new[] { true, false, true, true }).view(1, 4);
        var (gap, _) = model.Forward(randn(1, 4, o.Window, o.Features), tensor(g.Geo).view(1, 4, NeighbourGeometry.G), tensor(g.DistancesKm).view(1, 4),
            tensor(values).view(1, 4), oneMissing, NeuralKnnModel.KrigingEstimate(tensor(lambda).view(1, 4), tensor(values).view(1, 4), oneMissing));
        var kept = lambda[0] + lambda[2] + lambda[3];
        Assert.Equal((lambda[0] * values[0] + lambda[2] * values[2] + lambda[3] * values[3]) / kept, gap.item<float>(), 4);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.75)]
    public void Outside_training_the_learned_correction_is_scaled_towards_the_kriging_base(double scale)
    {
        var panel = KnnFixtures.Panel();
        var (train, _) = KnnFixtures.Ranges(panel.Hours);
        var vg = KrigingVariogram.Fit(panel, train.Start, train.End);
        var points = panel.Stations.Select(s => GeoPoint.Of(s)!.Value).ToArray();
        var g = NeighbourGeometry.Of(points, [new GeoPoint(points[4].Lon + 0.02, points[4].Lat)], 4, 20);
        var lambda = vg.Weights(g, points);
        manual_seed(2);
        // Dropout 0 (the fixture's), so training mode differs from evaluation only by the scale.
        using var model = new NeuralKnnModel(KnnFixtures.Options with { KrigingBase = true, Variogram = vg, DistanceScaleKm = 20, CorrectionScale = scale });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, p) in model.named_parameters())
            if (name.StartsWith("decoder.output", StringComparison.Ordinal)) p.normal_(0, 0.5);   // a non-zero correction
        var o = model.Options;
        var x = randn(1, 4, o.Window, o.Features);
        var values = tensor(new[] { 1.5f, -0.5f, 0.25f, 2f }).view(1, 4);
        var mask = ones(1, 4, ScalarType.Bool);
        var baseValue = NeuralKnnModel.KrigingEstimate(tensor(lambda).view(1, 4), values, mask);
        Tensor Run() => model.Forward(x, tensor(g.Geo).view(1, 4, NeighbourGeometry.G), tensor(g.DistancesKm).view(1, 4), values, mask, baseValue).Prediction;
        model.train();
        var full = Run().item<float>();
        model.eval();
        var scaled = Run().item<float>();
        var b = baseValue.item<float>();
        Assert.True(Math.Abs(full - b) > 0.05, $"the correction must not vanish for this check: full {full}, base {b}");
        Assert.Equal(b + (float)scale * (full - b), scaled, 4);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(2.5)]
    [InlineData(double.NaN)]
    public void A_correction_scale_outside_0_to_2_is_refused_naming_it(double scale)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (KnnFixtures.Options with { CorrectionScale = scale }).Validate());
        Assert.Equal("CorrectionScale", e.ParamName);
    }
}
