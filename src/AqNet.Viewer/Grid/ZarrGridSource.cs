using System.Text.Json.Nodes;
using AqNet.Core.Data;

namespace AqNet.Viewer.Grid;

/// <summary>A reanalysis Zarr store (v2, consolidated .zmetadata) read chunk by chunk: a frame decodes the chunks of one
/// time step, a cell's series one chunk per step.</summary>
internal sealed class ZarrGridSource : IGridSource
{
    private readonly Dictionary<string, ZarrArrayReader> _arrays;
    private readonly Dictionary<string, float[]?> _static = [];
    private readonly Lock _lock = new();

    private ZarrGridSource(Dictionary<string, ZarrArrayReader> arrays, GridInfo info) => (_arrays, Info) = (arrays, info);

    public GridInfo Info { get; }

    public static ZarrGridSource Open(string dir)
    {
        JsonObject meta;
        Dictionary<string, ZarrArrayReader> arrays;
        try
        {
            meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ".zmetadata")))!["metadata"]!.AsObject();
            arrays = meta.Where(kv => kv.Key.EndsWith("/.zarray", StringComparison.Ordinal))
                .Select(kv => (Name: kv.Key[..^"/.zarray".Length], Doc: kv.Value!.AsObject()))
                .Where(x => (string)x.Doc["dtype"]! is not ['|', 'S', ..])
                .ToDictionary(x => x.Name, x => new ZarrArrayReader(Path.Combine(dir, x.Name), x.Doc));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException or InvalidDataException or IOException)
        {
            throw new InputException($"--grid '{dir}': unreadable Zarr metadata ({e.Message}); expected a Zarr store written by `aqnet reanalyze`", e);
        }
        double[] ReadAll(string n) => arrays[n].Read(new int[arrays[n].Shape.Length], arrays[n].Shape);
        bool Has(string n) => meta.ContainsKey(n + "/.zarray");
        JsonNode? Att(string v, string a) => meta[v + "/.zattrs"]?[a];
        var info = GridInfoReader.Read(dir, ReadAll, Has,
            (v, a) => Att(v, a) is JsonValue x && x.TryGetValue<double>(out var d) ? d : null,
            (v, a) => Att(v, a) is JsonValue x && x.TryGetValue<string>(out var s) ? s : null);
        return new ZarrGridSource(arrays, info);
    }

    public float[] Frame(FieldLayer layer, int t)
    {
        Info.CheckStep(t);
        var a = _arrays[GridInfo.VariableOf(layer)];
        return ToFloats(a.Read([t, 0, 0], [1, Info.NLat, Info.NLon]));
    }

    public float[]? Static(string variable)
    {
        lock (_lock)
        {
            if (_static.TryGetValue(variable, out var cached)) return cached;
            return _static[variable] = _arrays.TryGetValue(variable, out var a) ? ToFloats(a.Read(new int[a.Shape.Length], a.Shape)) : null;
        }
    }

    public float[] Series(FieldLayer layer, int cell) =>
        ToFloats(_arrays[GridInfo.VariableOf(layer)].Read([0, cell / Info.NLon, cell % Info.NLon], [Info.Steps, 1, 1]));

    private static float[] ToFloats(double[] d) => [.. d.Select(x => (float)x)];

    /// <summary>Chunk files are opened per read; nothing is held.</summary>
    public void Dispose() { }
}
