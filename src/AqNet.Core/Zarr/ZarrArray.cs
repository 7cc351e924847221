using AqNet.Core.NetCdf;

namespace AqNet.Core.Zarr;

/// <summary>One variable as a Zarr array: its shape (a char variable drops its string-length dimension and becomes
/// fixed-length byte strings), chunk shape, and the chunks being filled. Elements are addressed row-major over the
/// shape; inside a chunk too (order "C"), with edge chunks padded to the full chunk shape as Zarr v2 stores them.</summary>
internal sealed class ZarrArray
{
    public const int ZlibLevel = 6;
    private const int TargetChunkValues = 1 << 20; // about 4 MB of float32 per chunk before compression

    private readonly Dictionary<long, PendingChunk> _pending = [];
    private readonly byte[] _fill;

    public ZarrArray(DatasetSchema schema, DsVariable v)
    {
        Variable = v;
        var full = schema.Shape(v);
        IsChar = v.Type == NcType.Char;
        Shape = IsChar ? full[..^1] : full;
        ItemSize = IsChar ? full[^1] : NcHeader.SizeOf(v.Type);
        Dims = IsChar ? v.Dims.Take(v.Dims.Count - 1).ToArray() : [.. v.Dims];
        Chunks = new int[Shape.Length];
        for (var i = 0; i < Shape.Length; i++) Chunks[i] = 1;
        if (Shape.Length >= 1) Chunks[^1] = Math.Max(1, Math.Min(Shape[^1], TargetChunkValues));
        if (Shape.Length >= 2)
            Chunks[^2] = Math.Max(1, Math.Min(Shape[^2], v.ChunkRows ?? TargetChunkValues / Math.Max(1, Shape[^1])));
        Grid = [.. Shape.Select((n, i) => (n + Chunks[i] - 1) / Chunks[i])];
        ChunkCount = Grid.Aggregate(1L, (n, g) => n * g);
        ChunkValues = Chunks.Aggregate(1, (n, c) => n * c);
        _fill = IsChar ? new byte[ItemSize] : DatasetEncoding.FillBytes(v, bigEndian: false);
    }

    public DsVariable Variable { get; }
    public bool IsChar { get; }
    public int[] Shape { get; }
    public string[] Dims { get; }
    public int[] Chunks { get; }
    /// <summary>Chunks along each dimension.</summary>
    public int[] Grid { get; }
    public long ChunkCount { get; }
    public int ChunkValues { get; }
    /// <summary>Bytes per element (the string length for char variables).</summary>
    public int ItemSize { get; }
    public HashSet<long> Flushed { get; } = [];
    public IEnumerable<long> PendingChunks => _pending.Keys;

    /// <summary>Multi-byte numbers are byte-shuffled before zlib (numcodecs "shuffle"): the exponent bytes of
    /// neighbouring values then sit together and compress far better than interleaved with noisy mantissas.</summary>
    public bool Shuffled => !IsChar && ItemSize > 1;

    /// <summary>numcodecs Shuffle: byte b of element e goes to b · n + e.</summary>
    public static byte[] Shuffle(byte[] data, int itemSize)
    {
        var n = data.Length / itemSize;
        var result = new byte[data.Length];
        for (var e = 0; e < n; e++)
            for (var b = 0; b < itemSize; b++) result[b * n + e] = data[e * itemSize + b];
        return result;
    }

    /// <summary>numpy dtype string: little-endian numbers, fixed-length bytes for text.</summary>
    public string DType => Variable.Type switch
    {
        NcType.Byte => "|i1",
        NcType.Char => "|S" + ItemSize,
        NcType.Short => "<i2",
        NcType.Int => "<i4",
        NcType.Float => "<f4",
        NcType.Double => "<f8",
        _ => throw new ArgumentOutOfRangeException(nameof(Variable)),
    };

    /// <summary>The chunk holding element <paramref name="start"/>, the element's offset inside that chunk, and how many
    /// of the next elements (at most count) follow it contiguously there: a run along the last dimension.</summary>
    public (long Chunk, int Offset, int Run) Locate(long start, int count)
    {
        if (Shape.Length == 0) return (0, 0, 1);
        var coords = new int[Shape.Length];
        var rem = start;
        for (var d = Shape.Length - 1; d >= 0; d--) { coords[d] = (int)(rem % Shape[d]); rem /= Shape[d]; }
        long chunk = 0;
        var offset = 0;
        for (var d = 0; d < Shape.Length; d++)
        {
            chunk = chunk * Grid[d] + coords[d] / Chunks[d];
            offset = offset * Chunks[d] + coords[d] % Chunks[d];
        }
        var inChunk = Chunks[^1] - coords[^1] % Chunks[^1];
        var run = (int)Math.Min(count, Math.Min(Shape[^1] - coords[^1], inChunk));
        return (chunk, offset, run);
    }

    /// <summary>The chunk's buffer, created filled with the fill value.</summary>
    public PendingChunk Pending(long chunk)
    {
        if (_pending.TryGetValue(chunk, out var p)) return p;
        if (Flushed.Contains(chunk)) throw new InvalidOperationException($"{Variable.Name}: chunk {Key(chunk)} was already written");
        var data = new byte[ChunkValues * ItemSize];
        for (var i = 0; i < data.Length; i += ItemSize) _fill.CopyTo(data, i);
        p = new PendingChunk(data, ValidValues(chunk));
        _pending[chunk] = p;
        return p;
    }

    /// <summary>Removes the chunk from the pending set and returns its bytes.</summary>
    public byte[] Take(long chunk)
    {
        var p = _pending[chunk];
        _pending.Remove(chunk);
        Flushed.Add(chunk);
        return p.Data;
    }

    /// <summary>The chunk's file name: its grid coordinates joined by '.'; "0" for a scalar.</summary>
    public string Key(long chunk)
    {
        if (Shape.Length == 0) return "0";
        var c = ChunkCoords(chunk);
        return string.Join('.', c.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private int[] ChunkCoords(long chunk)
    {
        var c = new int[Shape.Length];
        for (var d = Shape.Length - 1; d >= 0; d--) { c[d] = (int)(chunk % Grid[d]); chunk /= Grid[d]; }
        return c;
    }

    /// <summary>Elements of the chunk inside the array (edge chunks hold fewer than the chunk shape).</summary>
    private long ValidValues(long chunk)
    {
        var c = ChunkCoords(chunk);
        long n = 1;
        for (var d = 0; d < Shape.Length; d++) n *= Math.Min(Chunks[d], Shape[d] - c[d] * Chunks[d]);
        return n;
    }
}

internal sealed class PendingChunk(byte[] data, long valid)
{
    public byte[] Data { get; } = data;
    public long Valid { get; } = valid;
    public long Written { get; set; }
}
