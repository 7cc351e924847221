using System.Data.Common;
using System.Runtime.InteropServices;

namespace AqNet.Core.Store;

/// <summary>Conversions between chunk arrays (NaN = not observed) and the stored `vals` column: since schema 2 a BLOB
/// of little-endian float32, one per hour (NaN = not observed); schema-1 stores held FLOAT[] lists with NULL for
/// not observed, which are still read.</summary>
internal static class StoreChunks
{
    /// <summary>Writes the blob stored in `vals` (4 bytes per hour, little-endian IEEE 754) of <paramref name="values"/>
    /// into <paramref name="bytes"/> (4 × values.Length long), so an appender can reuse one buffer per month length
    /// (DuckDB copies a blob when it is appended).</summary>
    public static void WriteBlob(float[] values, byte[] bytes)
    {
        MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes);
        if (!BitConverter.IsLittleEndian) Swap(bytes);
    }

    /// <summary>The chunks a query returns; its columns must be station_id, variable, start_hour, vals, flags (the
    /// default query: every chunk of the store).</summary>
    public static IEnumerable<(ChunkKey Key, Chunk Chunk)> Query(AqStore store, string sql = "SELECT station_id, variable, start_hour, vals, flags FROM series")
    {
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        while (r.Read()) yield return (new ChunkKey(r.GetString(0), r.GetString(1), r.GetInt32(2)), Read(r, 3, 4));
    }

    public static Chunk Read(DbDataReader r, int valsOrdinal, int flagsOrdinal)
    {
        var type = r.GetFieldType(valsOrdinal);
        var chunk = type == typeof(byte[]) || typeof(Stream).IsAssignableFrom(type)
            ? r.GetValue(valsOrdinal) switch
            {
                byte[] b => FromBlob(b),
                Stream s => FromBlob(ReadAll(s)),
                var other => throw new InvalidDataException($"series.vals holds a {other.GetType().Name}; expected a BLOB"),
            }
            : FromList(r.GetFieldValue<List<float?>>(valsOrdinal));   // schema 1; GetValue would refuse the NULLs
        if (!r.IsDBNull(flagsOrdinal))
        {
            var flags = r.GetFieldValue<List<byte>>(flagsOrdinal);
            for (var i = 0; i < flags.Count && i < chunk.Flags.Length; i++) chunk.Flags[i] = flags[i];
        }
        return chunk;
    }

    private static Chunk FromBlob(byte[] b)
    {
        if (b.Length % 4 != 0) throw new InvalidDataException($"series.vals blob of {b.Length} bytes; expected a multiple of 4 (float32 per hour)");
        if (!BitConverter.IsLittleEndian) Swap(b);
        var chunk = new Chunk(b.Length / 4);
        MemoryMarshal.Cast<byte, float>(b).CopyTo(chunk.Values);
        return chunk;
    }

    private static Chunk FromList(List<float?> vals)
    {
        var chunk = new Chunk(vals.Count);
        for (var i = 0; i < vals.Count; i++) chunk.Values[i] = vals[i] ?? float.NaN;
        return chunk;
    }

    private static byte[] ReadAll(Stream s)
    {
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static void Swap(byte[] b)
    {
        for (var i = 0; i < b.Length; i += 4) Array.Reverse(b, i, 4);
    }
}
