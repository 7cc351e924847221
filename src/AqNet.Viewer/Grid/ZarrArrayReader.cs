using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace AqNet.Viewer.Grid;

/// <summary>Reads boxes of one numeric Zarr v2 array as written by the project's ZarrWriter: C order, "." separated
/// chunk keys, zlib (or no) compressor, optional numcodecs shuffle filter, little-endian i1/i2/i4/f4/f8. A chunk file
/// that is absent holds only the fill value. Values equal to the fill value become NaN.</summary>
internal sealed class ZarrArrayReader
{
    private readonly string _dir;
    private readonly string _dtype;
    private readonly int _itemSize;
    private readonly bool _zlib, _shuffle;
    private readonly double? _fill;

    public int[] Shape { get; }
    public int[] Chunks { get; }

    public ZarrArrayReader(string dir, JsonObject zarray)
    {
        _dir = dir;
        Shape = [.. zarray["shape"]!.AsArray().Select(n => (int)n!)];
        Chunks = [.. zarray["chunks"]!.AsArray().Select(n => (int)n!)];
        _dtype = (string)zarray["dtype"]!;
        _itemSize = _dtype switch { "|i1" => 1, "<i2" => 2, "<i4" or "<f4" => 4, "<f8" => 8, _ => throw new InvalidDataException($"{dir}: dtype {_dtype} is not supported") };
        var compressor = zarray["compressor"] as JsonObject;
        _zlib = compressor is not null && (string)compressor["id"]! == "zlib";
        if (compressor is not null && !_zlib) throw new InvalidDataException($"{dir}: compressor {compressor["id"]} is not supported (expected zlib)");
        _shuffle = zarray["filters"] is JsonArray f && f.Any(x => (string)x!["id"]! == "shuffle");
        _fill = zarray["fill_value"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
    }

    /// <summary>Values of the box start[d] .. start[d] + count[d] - 1, row-major over count, as doubles.</summary>
    public double[] Read(int[] start, int[] count)
    {
        var rank = Shape.Length;
        var result = new double[count.Aggregate(1, (a, b) => a * b)];
        var lo = new int[rank];
        var hi = new int[rank];
        for (var d = 0; d < rank; d++) { lo[d] = start[d] / Chunks[d]; hi[d] = (start[d] + count[d] - 1) / Chunks[d]; }
        var c = (int[])lo.Clone();
        while (true)
        {
            CopyChunk(c, start, count, result);
            var d = rank - 1;
            while (d >= 0 && ++c[d] > hi[d]) { c[d] = lo[d]; d--; }
            if (d < 0) break;
        }
        return result;
    }

    private void CopyChunk(int[] chunk, int[] start, int[] count, double[] result)
    {
        var raw = Raw(chunk);
        var rank = Shape.Length;
        // the element range of the box inside this chunk, per dimension
        var from = new int[rank];
        var to = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            var c0 = chunk[d] * Chunks[d];
            from[d] = Math.Max(start[d], c0);
            to[d] = Math.Min(start[d] + count[d], c0 + Chunks[d]);
        }
        var idx = (int[])from.Clone();
        while (true)
        {
            int src = 0, dst = 0;
            for (var d = 0; d < rank; d++)
            {
                src = src * Chunks[d] + (idx[d] - chunk[d] * Chunks[d]);
                dst = dst * count[d] + (idx[d] - start[d]);
            }
            result[dst] = raw is null ? double.NaN : Value(raw, src);
            var k = rank - 1;
            while (k >= 0 && ++idx[k] >= to[k]) { idx[k] = from[k]; k--; }
            if (k < 0) break;
        }
    }

    /// <summary>The chunk's decompressed bytes (still shuffled when the filter is on), or null when the chunk file is
    /// absent (all fill).</summary>
    private byte[]? Raw(int[] chunk)
    {
        var file = Path.Combine(_dir, string.Join('.', chunk));
        if (!File.Exists(file)) return null;
        if (!_zlib) return File.ReadAllBytes(file);
        using var fs = File.OpenRead(file);
        using var z = new ZLibStream(fs, CompressionMode.Decompress);
        var raw = new byte[Chunks.Aggregate(1, (a, b) => a * b) * _itemSize];
        z.ReadExactly(raw);
        return raw;
    }

    /// <summary>Element e of a chunk; with the shuffle filter byte b of element e sits at b · n + e.</summary>
    private double Value(byte[] raw, int e)
    {
        Span<byte> s = stackalloc byte[8];
        var n = raw.Length / _itemSize;
        for (var b = 0; b < _itemSize; b++) s[b] = _shuffle ? raw[b * n + e] : raw[e * _itemSize + b];
        double x = _dtype switch
        {
            "|i1" => unchecked((sbyte)s[0]),
            "<i2" => BinaryPrimitives.ReadInt16LittleEndian(s),
            "<i4" => BinaryPrimitives.ReadInt32LittleEndian(s),
            "<f4" => BinaryPrimitives.ReadSingleLittleEndian(s),
            _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
        return _fill is double f && (_dtype == "<f4" ? (float)x == (float)f : x == f) ? double.NaN : x;
    }
}
