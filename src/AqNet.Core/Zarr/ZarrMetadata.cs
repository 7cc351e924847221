using System.Text.Json;
using System.Text.Json.Nodes;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Zarr;

/// <summary>The JSON documents of a Zarr v2 store (zarr-specs v2): .zgroup, .zattrs, per array .zarray and .zattrs, and
/// .zmetadata holding all of them (the consolidated metadata xarray's open_zarr reads in one request). Attributes follow
/// xarray's convention: _ARRAY_DIMENSIONS names the dimensions; _FillValue is the array's fill_value, not an attribute.</summary>
internal static class ZarrMetadata
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = Data.JsonText.Encoder };

    public static bool IsStore(string dir) => File.Exists(Path.Combine(dir, ".zgroup")) || File.Exists(Path.Combine(dir, ".zarray"));

    public static void Write(string dir, DatasetSchema schema, IEnumerable<ZarrArray> arrays)
    {
        var docs = new JsonObject
        {
            [".zgroup"] = new JsonObject { ["zarr_format"] = 2 },
            [".zattrs"] = Attributes(schema.Globals),
        };
        foreach (var a in arrays)
        {
            docs[a.Variable.Name + "/.zarray"] = Array(a);
            var atts = Attributes(a.Variable.Attributes.Where(x => x.Name != "_FillValue"));
            atts["_ARRAY_DIMENSIONS"] = new JsonArray([.. a.Dims.Select(d => (JsonNode)JsonValue.Create(d)!)]);
            docs[a.Variable.Name + "/.zattrs"] = atts;
        }
        foreach (var (key, doc) in docs) File.WriteAllText(Path.Combine(dir, key), doc!.ToJsonString(Indented));
        var consolidated = new JsonObject { ["metadata"] = docs.DeepClone(), ["zarr_consolidated_format"] = 1 };
        File.WriteAllText(Path.Combine(dir, ".zmetadata"), consolidated.ToJsonString(Indented));
    }

    private static JsonObject Array(ZarrArray a) => new()
    {
        ["chunks"] = new JsonArray([.. a.Chunks.Select(c => (JsonNode)c)]),
        ["compressor"] = new JsonObject { ["id"] = "zlib", ["level"] = ZarrArray.ZlibLevel },
        ["dimension_separator"] = ".",
        ["dtype"] = a.DType,
        ["fill_value"] = a.Variable.FillValue is { } f && !a.IsChar ? JsonValue.Create(f) : null,
        ["filters"] = a.Shuffled ? new JsonArray(new JsonObject { ["id"] = "shuffle", ["elementsize"] = a.ItemSize }) : null,
        ["order"] = "C",
        ["shape"] = new JsonArray([.. a.Shape.Select(n => (JsonNode)n)]),
        ["zarr_format"] = 2,
    };

    /// <summary>Text as strings; numbers as a number when single, else as a list.</summary>
    private static JsonObject Attributes(IEnumerable<NcAttribute> atts)
    {
        var o = new JsonObject();
        foreach (var a in atts)
        {
            if (a.AsText is { } text) { o[a.Name] = text; continue; }
            var isInteger = a.Type is NcType.Byte or NcType.Short or NcType.Int;
            var values = a.AsDoubles().Select(d => isInteger ? (JsonNode)JsonValue.Create((long)d) : JsonValue.Create(d)).ToArray();
            o[a.Name] = values.Length == 1 ? values[0] : new JsonArray(values);
        }
        return o;
    }
}
