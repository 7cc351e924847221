using System.IO.Compression;
using AqNet.Core.Data;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Zarr;

/// <summary>Writes a <see cref="DatasetSchema"/> as a Zarr v2 directory store: .zgroup and .zattrs (global attributes),
/// per variable .zarray and .zattrs (CF attributes and xarray's _ARRAY_DIMENSIONS), chunks compressed with zlib
/// (numcodecs id "zlib", System.IO.Compression.ZLibStream; numbers byte-shuffled first, numcodecs "shuffle"), and the
/// consolidated .zmetadata. Pieces are gathered per
/// chunk; a chunk is compressed and written as soon as all its elements are in, so writes aligned with the chunks hold
/// nothing back. Chunks of variables with a _FillValue that are never written are left out (Zarr reads them as fill).
/// The store is built in a temp folder beside the path and renamed into place by <see cref="Complete"/>.</summary>
public sealed class ZarrWriter : DatasetWriter
{
    private readonly string _path, _tmp;
    private readonly Dictionary<string, ZarrArray> _arrays = [];
    private bool _done;

    protected override bool BigEndian => false;

    private ZarrWriter(DatasetSchema schema, string path, string tmp) : base(schema)
    {
        (_path, _tmp) = (path, tmp);
        foreach (var v in schema.Variables) _arrays[v.Name] = new ZarrArray(schema, v);
    }

    public static ZarrWriter Create(string path, DatasetSchema schema)
    {
        schema.Validate();
        var full = Path.GetFullPath(path.TrimEnd('/', '\\'));
        if (File.Exists(full) || (Directory.Exists(full) && !ZarrMetadata.IsStore(full) && Directory.EnumerateFileSystemEntries(full).Any()))
            throw new InputException($"cannot write Zarr output {full}: it exists and is not a Zarr store; choose another name or remove it");
        // The process id in the name lets the next run remove it if this one is killed (StaleTemporaries).
        var tmp = AtomicFile.TempPathFor(full);
        try
        {
            Directory.CreateDirectory(tmp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write Zarr output {full}: {e.Message}", e);
        }
        var w = new ZarrWriter(schema, full, tmp);
        try
        {
            foreach (var v in schema.Variables)
            {
                Directory.CreateDirectory(Path.Combine(tmp, v.Name));
                if (v.Data is null) continue;
                var bytes = DatasetEncoding.EncodeData(schema, v, bigEndian: false);
                w.WriteEncoded(v, 0, bytes.Length / w._arrays[v.Name].ItemSize, bytes);
            }
            return w;
        }
        catch { w.Dispose(); throw; }
    }

    protected override void WriteEncoded(DsVariable v, long start, int count, ReadOnlySpan<byte> bytes)
    {
        if (_done) throw new ObjectDisposedException(nameof(ZarrWriter), "the writer is completed or disposed");
        var a = _arrays[v.Name];
        while (count > 0)
        {
            var (chunk, offset, run) = a.Locate(start, count);
            var pending = a.Pending(chunk);
            bytes[..(run * a.ItemSize)].CopyTo(pending.Data.AsSpan(offset * a.ItemSize));
            pending.Written += run;
            if (pending.Written == pending.Valid) Flush(a, chunk);
            bytes = bytes[(run * a.ItemSize)..];
            start += run;
            count -= run;
        }
    }

    /// <summary>Writes partly filled chunks, the chunks of variables without a fill value never written, the metadata,
    /// then moves the store into place (replacing an older Zarr store at the path).</summary>
    public override void Complete()
    {
        if (_done) throw new ObjectDisposedException(nameof(ZarrWriter), "the writer is completed or disposed");
        foreach (var a in _arrays.Values)
        {
            foreach (var chunk in a.PendingChunks.ToList()) Flush(a, chunk);
            if (a.Variable.FillValue is null)
                for (long c = 0; c < a.ChunkCount; c++)
                    if (!a.Flushed.Contains(c)) { a.Pending(c); Flush(a, c); }
        }
        ZarrMetadata.Write(_tmp, Schema, _arrays.Values);
        _done = true;
        AtomicFile.ReplaceDirectory(_tmp, _path);
    }

    public override void Dispose()
    {
        if (_done) return;
        _done = true;
        try { Directory.Delete(_tmp, recursive: true); } catch (IOException) { } // best effort: never mask the original failure
    }

    private void Flush(ZarrArray a, long chunk)
    {
        var data = a.Take(chunk);
        if (a.Shuffled) data = ZarrArray.Shuffle(data, a.ItemSize);
        using var fs = new FileStream(Path.Combine(_tmp, a.Variable.Name, a.Key(chunk)), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using (var z = new ZLibStream(fs, new ZLibCompressionOptions { CompressionLevel = ZarrArray.ZlibLevel }))
            z.Write(data);
    }
}
