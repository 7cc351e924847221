using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AqNet.Core.Data;

/// <summary>The one JSON convention of every file and `--json` output AqNet writes: UTF-8 with non-ASCII text
/// (station names, µg/m³, R²) written as itself rather than as \uXXXX escapes, indented, and NaN as "NaN".</summary>
public static class JsonText
{
    /// <summary>Escapes only what JSON requires (quotes, backslashes, control characters); everything else stays
    /// readable. Safe for files and terminals, not for embedding in HTML.</summary>
    public static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Options with <see cref="Encoder"/>, indentation and named floating-point literals.</summary>
    public static JsonSerializerOptions Options(JsonNamingPolicy? naming = null, bool enumsAsStrings = false)
    {
        var o = new JsonSerializerOptions
        {
            Encoder = Encoder,
            WriteIndented = true,
            PropertyNamingPolicy = naming,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        if (enumsAsStrings) o.Converters.Add(new JsonStringEnumConverter());
        return o;
    }

    /// <summary>snake_case keys, as results.json and `--json` outputs use.</summary>
    public static readonly JsonSerializerOptions SnakeCase = Options(JsonNamingPolicy.SnakeCaseLower);
}
