using AqNet.Core.Data;
using AqNet.Viewer.Stations;
using Xunit;

namespace AqNet.Viewer.Tests;

/// <summary>The stations a model used, from either kind of model folder; anything else is refused naming the file.</summary>
public sealed class ModelStationsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aqnet-viewer-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("""{"stations": [{"id": "Dongsi", "name": "x"}, {"id": "Wanliu"}]}""")]   // experiment spatial
    [InlineData("""{"FormatVersion": "aqnet-st/1", "Stations": ["Dongsi", "Wanliu"]}""")]  // aqnet fit
    public void Both_model_folders_give_their_stations(string json)
    {
        File.WriteAllText(Path.Combine(_dir, "model.json"), json);
        Assert.Equal(["Dongsi", "Wanliu"], StationLayer.ModelStations(_dir).Order());
    }

    [Fact]
    public void A_model_json_without_stations_is_refused()
    {
        File.WriteAllText(Path.Combine(_dir, "model.json"), """{"epochs": 3}""");
        var e = Assert.Throws<InputException>(() => StationLayer.ModelStations(_dir));
        Assert.Contains("model.json", e.Message);
    }
}
