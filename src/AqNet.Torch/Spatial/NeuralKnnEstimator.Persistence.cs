using System.Text.Json;
using System.Text.Json.Serialization;
using AqNet.Core.Data;
using AqNet.Core.Preprocessing;
using AqNet.Core.Store;
using AqNet.Torch.Runtime;

namespace AqNet.Torch.Spatial;

/// <summary>A saved neural kNN is a directory: model.json (options, scaler, stations, fingerprint, training hours,
/// history) and weights.bin (TorchSharp module format), written through <see cref="AtomicFile.WriteDirectory"/>: a
/// temporary sibling directory, flushed to disk and renamed into place, so readers see the old complete model or the new
/// complete one.</summary>
public sealed partial class NeuralKnnEstimator
{
    public const string Format = "aqnet-knn/1";
    private const string JsonName = "model.json", WeightsName = "weights.bin";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = Core.Data.JsonText.Encoder,
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record SavedStation(string Id, string Name, double Longitude, double Latitude, string? City);

    private sealed record SavedModel(string Format, NeuralKnnOptions Options, string Scaler, IReadOnlyList<SavedStation> Stations,
        string Fingerprint, DateTime TrainFromUtc, DateTime TrainToUtc, IReadOnlyList<Training.EpochRecord> History, string CreatedUtc,
        string? WeightsSha256 = null);

    public void Save(string dir)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        AtomicFile.WriteDirectory(dir, tmp =>
        {
            Model.save(Path.Combine(tmp, WeightsName));
            var saved = new SavedModel(Format, Options, Scaler.ToJson(),
                [.. Stations.Select(s => new SavedStation(s.Id, s.Name, s.Longitude!.Value, s.Latitude!.Value, s.City))],
                Fingerprint, TrainFromUtc, TrainToUtc, History, Fmt.Utc(DateTime.UtcNow), Sha256(Path.Combine(tmp, WeightsName)));
            File.WriteAllText(Path.Combine(tmp, JsonName), JsonSerializer.Serialize(saved, Json));
        });
    }

    /// <summary>Loads a saved model in eval mode. A non-null expected fingerprint that differs from the model's throws an
    /// InputException naming both.</summary>
    public static NeuralKnnEstimator Load(string dir, string? expectedFingerprint)
    {
        var saved = ReadJson(dir);
        CheckFingerprint(dir, saved.Fingerprint, expectedFingerprint, "the data's");
        return Build(dir, saved);
    }

    /// <summary>Loads a saved model after checking it was trained on this store: the fingerprint is recomputed from the
    /// store's PM2.5 of the model's stations over its training hours.</summary>
    public static NeuralKnnEstimator Load(string dir, AqStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var saved = ReadJson(dir);
        var panel = PanelLoader.Load(store, [.. saved.Stations.Select(s => s.Id)], [Variables.Pm25], saved.TrainFromUtc, saved.TrainToUtc.AddHours(-1));
        var actual = SpatialFingerprint.Of(panel, [.. Enumerable.Range(0, panel.S)], 0, panel.Hours);
        CheckFingerprint(dir, saved.Fingerprint, actual, $"store {store.Path}'s");
        return Build(dir, saved);
    }

    /// <summary>The fingerprint this model would have if trained on this panel's stations and its training hours.</summary>
    public string FingerprintOf(Panel panel)
    {
        var from = (int)(TrainFromUtc - panel.StartUtc).TotalHours;
        var to = (int)(TrainToUtc - panel.StartUtc).TotalHours;
        return SpatialFingerprint.Of(panel, StationIndices(panel), from, to);
    }

    private static void CheckFingerprint(string dir, string model, string? expected, string what)
    {
        if (expected is not null && !string.Equals(model, expected, StringComparison.Ordinal))
            throw new InputException($"the neural kNN model in {dir} was trained on other data: model fingerprint {model}, {what} fingerprint {expected}");
    }

    private static SavedModel ReadJson(string dir)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        var path = Path.Combine(dir, JsonName);
        if (!File.Exists(path) || !File.Exists(Path.Combine(dir, WeightsName)))
            throw new InputException($"no neural kNN model in {dir}: expected {JsonName} and {WeightsName}");
        try
        {
            var saved = JsonSerializer.Deserialize<SavedModel>(File.ReadAllText(path), Json) ?? throw new InputException($"{path} is empty");
            if (saved.Format != Format) throw new InputException($"{path} has format '{saved.Format}'; expected '{Format}'");
            return saved;
        }
        catch (JsonException e)
        {
            throw new InputException($"{path} is not a valid neural kNN description ({e.Message})", e);
        }
    }

    private static string Sha256(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fs));
    }

    private static NeuralKnnEstimator Build(string dir, SavedModel saved)
    {
        // Models saved before the checksum was recorded have none and are read as they are.
        if (saved.WeightsSha256 is { } expected && Sha256(Path.Combine(dir, WeightsName)) != expected)
            throw new InputException($"{Path.Combine(dir, WeightsName)} is damaged: its SHA-256 does not match the one in {JsonName} (changed after it was written); expected the model as AqNet saved it");
        TorchRuntime.EnsureLoaded();
        var model = new NeuralKnnModel(saved.Options);
        try
        {
            model.load(Path.Combine(dir, WeightsName));
            model.eval();
            var stations = saved.Stations.Select(s => new Station(s.Id, s.Name, s.Longitude, s.Latitude, s.City)).ToArray();
            return new NeuralKnnEstimator(model, StandardScaler.FromJson(saved.Scaler), stations, saved.Fingerprint,
                DateTime.SpecifyKind(saved.TrainFromUtc, DateTimeKind.Utc), DateTime.SpecifyKind(saved.TrainToUtc, DateTimeKind.Utc), saved.History);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException)
        {
            model.Dispose();
            throw new InputException($"{dir}: the weights do not match the stored options ({e.Message})", e);
        }
    }
}
