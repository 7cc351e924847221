using System.Text.Json;
using AqNet.Core.Data;
using AqNet.Core.Store;
using AqNet.Viewer.Grid;

namespace AqNet.Viewer.Stations;

/// <summary>A station on the grid: its cell, and whether the reanalysis used it (null when no model was given).</summary>
public sealed record StationMarker(string Id, string Name, double Lon, double Lat, int Cell, bool? Visible);

/// <summary>The stations inside the grid with their observed PM2.5 per output step (the mean of the observed hours in
/// the step's interval: the hour itself for hourly grids, the local day for daily ones), loaded once from the store:
/// stations × steps float32, a few MB even for a month of a national network.</summary>
public sealed class StationLayer
{
    private readonly float[] _observed; // [station, step]
    private float[]? _filled;           // [station, step, value/lower/upper] from the store's filled table (hourly grids)

    public IReadOnlyList<StationMarker> Stations { get; }
    public int Steps { get; }

    private StationLayer(IReadOnlyList<StationMarker> stations, int steps, float[] observed) => (Stations, Steps, _observed) = (stations, steps, observed);

    public static StationLayer Empty(int steps) => new([], steps, []);

    public float Observed(int station, int step) => _observed[station * Steps + step];

    public float[] ObservedSeries(int station) => _observed.AsSpan(station * Steps, Steps).ToArray();

    /// <summary>The gap-filled record (`aqnet fill`) of a station: value, lower and upper per step; null when the store
    /// has none for it.</summary>
    public (float[] Value, float[] Lower, float[] Upper)? FilledSeries(int station)
    {
        if (_filled is not { } f) return null;
        float[] Part(int k) => [.. Enumerable.Range(0, Steps).Select(t => f[(station * Steps + t) * 3 + k])];
        var value = Part(0);
        return value.All(float.IsNaN) ? null : (value, Part(1), Part(2));
    }

    public int IndexOf(string id)
    {
        for (var k = 0; k < Stations.Count; k++) if (Stations[k].Id == id) return k;
        return -1;
    }

    public static StationLayer Load(AqStore store, GridInfo grid, IReadOnlySet<string>? used)
    {
        var markers = new List<StationMarker>();
        var spans = new List<StoredStation>();
        foreach (var s in StoreReader.Stations(store).Where(x => x.FirstHour is not null))
        {
            if (s.Station is not { Longitude: { } lon, Latitude: { } lat }) continue;
            if (grid.CellOf(lon, lat) is not var (i, j)) continue;
            markers.Add(new StationMarker(s.Station.Id, s.Station.Name, lon, lat, j * grid.NLon + i, used?.Contains(s.Station.Id)));
            spans.Add(s);
        }
        var observed = new float[markers.Count * grid.Steps];
        Array.Fill(observed, float.NaN);
        var from = grid.Starts.Min().AddHours(1);
        var to = grid.Times.Max();
        if (markers.Count == 0 || spans.Max(s => s.LastHour!.Value) < HourAxis.ToHour(from) || spans.Min(s => s.FirstHour!.Value) > HourAxis.ToHour(to))
            return new StationLayer(markers, grid.Steps, observed);
        var panel = PanelLoader.Load(store, [.. markers.Select(m => m.Id)], [Variables.Pm25], from, to);
        for (var s = 0; s < markers.Count; s++)
            for (var t = 0; t < grid.Steps; t++)
                observed[s * grid.Steps + t] = Mean(panel, s, HourAxis.ToHour(grid.Starts[t]) + 1, HourAxis.ToHour(grid.Times[t]));
        return new StationLayer(markers, grid.Steps, observed) { _filled = grid.Daily ? null : Filled(store, grid, markers) };
    }

    /// <summary>The store's filled values at the grid's hours, or null when it has none for these stations.</summary>
    private static float[]? Filled(AqStore store, GridInfo grid, List<StationMarker> markers)
    {
        var index = markers.Select((m, k) => (m.Id, k)).ToDictionary(x => x.Id, x => x.k);
        var step = grid.Times.Select((t, k) => (t, k)).ToDictionary(x => x.t, x => x.k);
        var filled = new float[markers.Count * grid.Steps * 3];
        Array.Fill(filled, float.NaN);
        var any = false;
        foreach (var (id, time, value, lower, upper) in FilledStore.Rows(store, index.Keys, grid.Times.Min(), grid.Times.Max()))
        {
            if (!step.TryGetValue(time, out var t)) continue;
            var i = (index[id] * grid.Steps + t) * 3;
            (filled[i], filled[i + 1], filled[i + 2]) = (value, lower, upper);
            any = true;
        }
        return any ? filled : null;
    }

    /// <summary>Mean of the observed hours first..last (absolute hours, labelled by their end) of panel station s.</summary>
    private static float Mean(Panel p, int s, int first, int last)
    {
        var p0 = HourAxis.ToHour(p.StartUtc);
        double sum = 0;
        var n = 0;
        for (var h = Math.Max(first, p0); h <= Math.Min(last, p0 + p.Hours - 1); h++)
        {
            var k = p.Index(h - p0, s, 0);
            if (!p.Mask[k]) continue;
            sum += p.Values[k];
            n++;
        }
        return n == 0 ? float.NaN : (float)(sum / n);
    }

    /// <summary>The station ids a model folder was trained on: model.json of `aqnet experiment spatial` ("stations":
    /// [{"id": …}]) or of `aqnet fit` ("Stations": ["…"]). The stations the reanalysis used; the others in the store were
    /// held out.</summary>
    public static IReadOnlySet<string> ModelStations(string modelDir)
    {
        var path = Path.Combine(modelDir, "model.json");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.TryGetProperty("Stations", out var ids))   // a production aqnet-st model (aqnet fit)
                return ids.EnumerateArray().Select(s => s.GetString()!).ToHashSet();
            return doc.RootElement.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InputException($"--model '{modelDir}': cannot read the model's stations from {path} ({e.Message}); expected a folder of `aqnet fit` or DIR/model of `aqnet experiment spatial`", e);
        }
    }
}
