using AqNet.Core.Data;

namespace AqNet.Core.NetCdf;

/// <summary>Writes a <see cref="DatasetSchema"/> as NetCDF 64-bit offset (CDF-2), Unidata's classic format with 8-byte
/// offsets so files past 2 GiB work. The header fixes every offset, so each piece goes straight to its place: memory is
/// one batch. A [record, …] slab first written in part is filled with the fill value first, so pieces may come in any
/// order and parts never written read as fill.</summary>
public sealed class NcFileWriter : DatasetWriter
{
    private const int FillChunk = 1 << 16; // bytes per fill write

    private readonly PendingFile _file;
    private readonly Dictionary<string, (NcVariable Nc, bool[] Touched)> _vars = [];
    private FileStream? _fs;

    public NcHeader Header { get; }

    protected override bool BigEndian => true;

    private NcFileWriter(DatasetSchema schema, NcHeader h, PendingFile file, FileStream fs) : base(schema)
    {
        (Header, _file, _fs) = (h, file, fs);
        foreach (var v in h.Variables)
            _vars[v.Name] = (v, new bool[h.IsRecordVariable(v) ? Math.Max(1, h.NumRecs) : 1]);
    }

    public static NcFileWriter Create(string path, DatasetSchema schema)
    {
        schema.Validate();
        var h = Layout(schema);
        var full = Path.GetFullPath(path);
        PendingFile? file = null;
        FileStream fs;
        try
        {
            file = AtomicFile.Begin(full);
            fs = new FileStream(file.TempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file?.Dispose();
            throw new InputException($"cannot write NetCDF output {full}: {e.Message}", e);
        }
        var w = new NcFileWriter(schema, h, file, fs);
        try
        {
            fs.Write(NcHeaderCodec.Write(h));
            foreach (var v in schema.Variables.Where(v => v.Data is not null))
            {
                var bytes = DatasetEncoding.EncodeData(schema, v, bigEndian: true);
                w.WriteEncoded(v, 0, bytes.Length / NcHeader.SizeOf(v.Type), bytes);
            }
            return w;
        }
        catch { w.Dispose(); throw; }
    }

    /// <summary>The CDF-2 header of a schema: fixed-size variables follow the header in schema order, then the records,
    /// each holding one slab of every record variable.</summary>
    internal static NcHeader Layout(DatasetSchema s)
    {
        var dims = s.Dimensions.Select(d => new NcDimension(d.Name, d.Unlimited ? 0 : d.Length, d.Unlimited)).ToList();
        var numRecs = s.Dimensions.FirstOrDefault(d => d.Unlimited)?.Length ?? 0;
        var ids = s.Dimensions.Select((d, i) => (d.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var list = s.Variables.Select(v => new NcVariable(v.Name, [.. v.Dims.Select(d => ids[d])], v.Attributes, v.Type, 0, 0)).ToList();
        var h = new NcHeader(2, numRecs, dims, s.Globals, list);
        h = h with { Variables = [.. list.Select(v => v with { VSize = NcHeader.VSizeOf(h.ValuesPerSlab(v), v.Type) })] };
        var records = h.Variables.Where(h.IsRecordVariable).ToList();
        // The spec stores a lone record variable unpadded; this writer always pads, so it needs 4-byte slabs there.
        if (records.Count == 1 && h.ValuesPerSlab(records[0]) * NcHeader.SizeOf(records[0].Type) % 4 != 0)
            throw new ArgumentException($"{records[0].Name}: a lone record variable needs slabs of a multiple of 4 bytes");
        // CDF-2 keeps vsize in 32 bits: one slab (one record of a variable, or a whole fixed variable) must stay under 4 GiB.
        var big = h.Variables.FirstOrDefault(v => v.VSize >= uint.MaxValue);
        if (big is not null) throw new ArgumentException($"variable {big.Name}: one slab exceeds the 4 GiB CDF-2 limit");

        long offset = NcHeaderCodec.Write(h).Length; // begin fields are 8 bytes in CDF-2, so the size is final
        var begins = new Dictionary<string, long>();
        foreach (var v in h.Variables.Where(v => !h.IsRecordVariable(v))) { begins[v.Name] = offset; offset += v.VSize; }
        foreach (var v in records) { begins[v.Name] = offset; offset += v.VSize; }
        return h with { Variables = [.. h.Variables.Select(v => v with { Begin = begins[v.Name] })] };
    }

    protected override void WriteEncoded(DsVariable v, long start, int count, ReadOnlySpan<byte> bytes)
    {
        var fs = Open();
        var (nc, touched) = _vars[v.Name];
        var rec = Header.IsRecordVariable(nc);
        var slab = Header.ValuesPerSlab(nc);
        var size = NcHeader.SizeOf(nc.Type);
        while (count > 0)
        {
            var r = rec ? start / slab : 0;
            var i = rec ? start % slab : start;
            var n = (int)Math.Min(count, slab - i);
            if (!touched[r])
            {
                if (i != 0 || n != slab) FillSlab(v, nc, r);
                touched[r] = true;
            }
            fs.Position = SlabOffset(nc, r) + i * size;
            fs.Write(bytes[..(n * size)]);
            bytes = bytes[(n * size)..];
            start += n;
            count -= n;
        }
    }

    /// <summary>Fills what was never written, flushes and moves the file into place.</summary>
    public override void Complete()
    {
        var fs = Open();
        foreach (var v in Schema.Variables)
        {
            var (nc, touched) = _vars[v.Name];
            var records = Header.IsRecordVariable(nc) ? Header.NumRecs : 1;
            for (var r = 0; r < records; r++)
                if (!touched[r]) FillSlab(v, nc, r);
        }
        fs.Flush(flushToDisk: true);
        fs.Dispose();
        _fs = null;
        _file.Commit(flushed: true);
    }

    public override void Dispose()
    {
        if (_fs is null) return; // completed, or already disposed
        _fs.Dispose();
        _fs = null;
        _file.Dispose();   // removes the temporary: best effort, never masks the original failure
    }

    private long SlabOffset(NcVariable v, long record) => v.Begin + (Header.IsRecordVariable(v) ? record * Header.RecordSize : 0);

    private void FillSlab(DsVariable v, NcVariable nc, long record)
    {
        var fs = Open();
        var one = DatasetEncoding.FillBytes(v, bigEndian: true);
        var total = Header.ValuesPerSlab(nc) * one.Length;
        var buf = new byte[(int)Math.Min(total, FillChunk / one.Length * one.Length)];
        for (var i = 0; i < buf.Length; i += one.Length) one.CopyTo(buf, i);
        fs.Position = SlabOffset(nc, record);
        for (var left = total; left > 0; left -= buf.Length) fs.Write(buf, 0, (int)Math.Min(left, buf.Length));
    }

    private FileStream Open() => _fs ?? throw new ObjectDisposedException(nameof(NcFileWriter), "the writer is completed or disposed");
}
