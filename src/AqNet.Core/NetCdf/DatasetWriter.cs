using AqNet.Core.Data;
using AqNet.Core.Zarr;

namespace AqNet.Core.NetCdf;

/// <summary>The file formats of gridded and station products, chosen from the output name.</summary>
public enum OutputFormat
{
    /// <summary>NetCDF classic, 64-bit offset (CDF-2): every tool reads it; uncompressed.</summary>
    NetCdf,
    /// <summary>Zarr v2 directory store, zlib-compressed chunks, consolidated metadata.</summary>
    Zarr,
}

public static class OutputFormats
{
    /// <summary>.nc → NetCDF, .zarr → Zarr; anything else is refused naming the option and the value.</summary>
    public static OutputFormat Of(string path, string option = "--out")
    {
        var name = path.TrimEnd('/', '\\');
        if (name.EndsWith(".nc", StringComparison.OrdinalIgnoreCase)) return OutputFormat.NetCdf;
        if (name.EndsWith(".zarr", StringComparison.OrdinalIgnoreCase)) return OutputFormat.Zarr;
        throw new InputException($"{option} '{path}': unknown output format; expected a name ending in .nc (NetCDF) or .zarr (Zarr, compressed)");
    }
}

/// <summary>Writes a <see cref="DatasetSchema"/> to a file: Data of small variables at creation, large variables in
/// pieces with <see cref="Write{T}"/> in any order, then <see cref="Complete"/>, which fills what was never written and
/// moves the output into place. Until then everything goes to a temp path beside it; disposing without Complete deletes
/// it, so no partial output is ever left at the path. Not thread-safe.</summary>
public abstract class DatasetWriter : IDisposable
{
    private const int Batch = 16384; // values encoded per call of WriteEncoded
    private readonly byte[] _buf = new byte[Batch * 8];

    protected DatasetWriter(DatasetSchema schema)
    {
        schema.Validate();
        Schema = schema;
    }

    public DatasetSchema Schema { get; }

    /// <summary>True for NetCDF (big-endian), false for Zarr (little-endian).</summary>
    protected abstract bool BigEndian { get; }

    /// <summary>The writer for the format the path's extension names (<see cref="OutputFormats.Of"/>).</summary>
    public static DatasetWriter For(string path, DatasetSchema schema) => OutputFormats.Of(path) switch
    {
        OutputFormat.NetCdf => NcFileWriter.Create(path, schema),
        OutputFormat.Zarr => ZarrWriter.Create(path, schema),
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    /// <summary>Writes values at row-major element offset <paramref name="start"/> of the variable (over all its
    /// dimensions). T must be the variable's type: sbyte, short, int, float or double.</summary>
    public void Write<T>(string variable, long start, ReadOnlySpan<T> values) where T : unmanaged
    {
        var v = Schema.Variable(variable);
        if (v.Type == NcType.Char) throw new ArgumentException($"{variable} is a char variable: give its strings as Data", nameof(variable));
        var total = Schema.Count(v);
        if (start < 0 || start + values.Length > total)
            throw new ArgumentOutOfRangeException(nameof(start), $"{variable}: elements [{start}, {start + values.Length}) outside [0, {total})");
        var size = NcHeader.SizeOf(v.Type);
        for (var i = 0; i < values.Length; i += Batch)
        {
            var n = Math.Min(Batch, values.Length - i);
            var bytes = _buf.AsSpan(0, n * size);
            DatasetEncoding.Encode(v, values.Slice(i, n), bytes, BigEndian);
            WriteEncoded(v, start + i, n, bytes);
        }
    }

    /// <summary>Stores count encoded elements at element offset start of v.</summary>
    protected abstract void WriteEncoded(DsVariable v, long start, int count, ReadOnlySpan<byte> bytes);

    public abstract void Complete();

    public abstract void Dispose();
}
