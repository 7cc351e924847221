using System.IO.Compression;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Opens entries for one thread, caching one ZipArchive per zip (ZipArchive is not thread-safe).</summary>
internal sealed class EntryOpener : IDisposable
{
    private readonly Dictionary<ZipSource, ZipArchive> _zips = new();

    public Stream Open(InputEntry e)
    {
        Stream s;
        if (e.Zip is null)
        {
            s = new FileStream(e.DiskPath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        else
        {
            if (!_zips.TryGetValue(e.Zip, out var zip))
            {
                zip = OpenZip(e.Zip.OpenRaw(), e.Zip.Display);
                _zips[e.Zip] = zip;
            }
            var member = zip.GetEntry(e.EntryName!) ?? throw new InputException($"{e.Display}: member vanished from the archive");
            s = member.Open();
        }
        return e.Gzip ? new GZipStream(s, CompressionMode.Decompress) : s;
    }

    internal static ZipArchive OpenZip(Stream raw, string display)
    {
        try { return new ZipArchive(raw, ZipArchiveMode.Read); }
        catch (InvalidDataException ex)
        {
            raw.Dispose();
            throw new InputException($"{display}: not a readable zip archive ({ex.Message}); expected a .zip as the publisher ships it", ex);
        }
    }

    public void Dispose()
    {
        foreach (var z in _zips.Values) z.Dispose();
        _zips.Clear();
    }
}
