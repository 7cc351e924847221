using AqNet.Core.Experiments;
using AqNet.Core.Data;
using AqNet.Torch.Forecasters;
using AqNet.Torch.Runtime;
using AqNet.Torch.Training;

namespace AqNet.Torch.Tests;

public sealed class CheckpointTests
{
    public CheckpointTests()
    {
        TorchRuntime.EnsureLoaded();
        Fixtures.OneThread();
    }

    private static readonly TrainOptions Quick = new() { Epochs = 1, BatchSize = 16, Seed = 3 };

    [Theory]
    [InlineData(TemporalModelKind.Aqnet)]
    [InlineData(TemporalModelKind.AqnetNoCe)]
    [InlineData(TemporalModelKind.Lstm)]
    [InlineData(TemporalModelKind.PatchTst)]
    public void Round_trip_gives_identical_predictions(TemporalModelKind kind)
    {
        var dir = Fixtures.TempDir();
        var train = Fixtures.Windows(32, 24, 6);
        var test = Fixtures.Windows(20, 24, 6, 9);
        using var f = new TorchForecaster(kind, Quick, Fixtures.Options(24, 6));
        f.Fit(train, train, Fixtures.Context(dir), null, CancellationToken.None);
        var path = Path.Combine(dir, TorchForecaster.CheckpointFileName);
        using var g = TorchForecaster.Load(path, DataFingerprint.Of(train, Fixtures.Context()));
        Assert.Equal(kind, g.Kind);
        Assert.Equal(f.Predict(test, Fixtures.Context()), g.Predict(test, Fixtures.Context()));
        Assert.Equal(10f, g.Info!.TargetStd);
        Assert.Equal(["0", "1", "2"], g.Info.Stations);
        Assert.Equal(Directory.GetFiles(dir).Order(), new[] { "epochs.csv", "model.ckpt", "resume.ckpt" }.Select(n => Path.Combine(dir, n)));
    }

    [Fact]
    public void Other_data_is_refused_naming_both_fingerprints()
    {
        var dir = Fixtures.TempDir();
        var train = Fixtures.Windows(32, 24, 6);
        using var f = new TorchForecaster(TemporalModelKind.Lstm, Quick, Fixtures.Options(24, 6));
        f.Fit(train, train, Fixtures.Context(dir), null, CancellationToken.None);
        var other = DataFingerprint.Of(Fixtures.Windows(32, 24, 6, seed: 5), Fixtures.Context());
        var e = Assert.Throws<InputException>(() => TorchForecaster.Load(Path.Combine(dir, "model.ckpt"), other));
        Assert.Contains(other, e.Message);
        Assert.Contains(f.Info!.Fingerprint, e.Message);
    }

    [Fact]
    public void A_truncated_or_foreign_file_is_an_input_error()
    {
        var dir = Fixtures.TempDir();
        var path = Path.Combine(dir, "bad.ckpt");
        File.WriteAllText(path, "not a checkpoint");
        Assert.Throws<InputException>(() => Checkpoint.Load(path, null));
        Assert.Throws<InputException>(() => Checkpoint.Load(Path.Combine(dir, "missing.ckpt"), null));
        using var f = new TorchForecaster(TemporalModelKind.Aqnet, Quick, Fixtures.Options(24, 6));
        f.Fit(Fixtures.Windows(16, 24, 6), Fixtures.Windows(8, 24, 6), Fixtures.Context(dir), null, CancellationToken.None);
        var bytes = File.ReadAllBytes(Path.Combine(dir, "model.ckpt"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InputException>(() => Checkpoint.Load(path, null));
    }

    [Fact]
    public void A_model_file_with_changed_weights_is_refused_by_its_checksum()
    {
        var dir = Fixtures.TempDir();
        using var f = new TorchForecaster(TemporalModelKind.Lstm, Quick, Fixtures.Options(24, 6));
        f.Fit(Fixtures.Windows(16, 24, 6), Fixtures.Windows(8, 24, 6), Fixtures.Context(dir), null, CancellationToken.None);
        var path = Path.Combine(dir, "model.ckpt");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 200] ^= 0x01;   // one bit of the last weights, before the 40-byte checksum trailer
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InputException>(() => Checkpoint.Load(path, null));
        Assert.Equal($"{path} is damaged: its SHA-256 checksum does not match its content (truncated, or changed after it was written); expected the file as AqNet wrote it", e.Message);
    }
}
