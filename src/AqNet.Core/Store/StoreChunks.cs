using System.Data.Common;

namespace AqNet.Core.Store;

/// <summary>Conversions between chunk arrays (NaN = not observed) and DuckDB list values (NULL = not observed).</summary>
internal static class StoreChunks
{
    public static float?[] Nullable(float[] values)
    {
        var r = new float?[values.Length];
        for (var i = 0; i < values.Length; i++) r[i] = float.IsNaN(values[i]) ? null : values[i];
        return r;
    }

    public static Chunk Read(DbDataReader r, int valsOrdinal, int flagsOrdinal)
    {
        var vals = r.GetFieldValue<List<float?>>(valsOrdinal);
        var chunk = new Chunk(vals.Count);
        for (var i = 0; i < vals.Count; i++) chunk.Values[i] = vals[i] ?? float.NaN;
        if (!r.IsDBNull(flagsOrdinal))
        {
            var flags = r.GetFieldValue<List<byte>>(flagsOrdinal);
            for (var i = 0; i < flags.Count && i < chunk.Flags.Length; i++) chunk.Flags[i] = flags[i];
        }
        return chunk;
    }
}
