namespace AqNet.Core.Import;

/// <summary>One data file to parse: a file on disk, or a member of a zip (possibly a zip inside a zip).
/// <see cref="Display"/> names it for messages, e.g. "outer.zip!PRSA2017.zip!PRSA_Data_.../x.csv".</summary>
internal sealed record InputEntry(string Display, string Name, string? DiskPath, ZipSource? Zip, string? EntryName, bool Gzip)
{
    /// <summary>Folder a stations file is looked for in when none is given: the input's own folder.</summary>
    public string? Folder => System.IO.Path.GetDirectoryName(Zip?.RootDiskPath ?? DiskPath);
}

/// <summary>A zip archive: on disk, or held in memory when it was itself a zip member (ZipArchive needs a
/// seekable stream, and the UCI inner zip is 8 MB). Each worker thread opens its own ZipArchive over it.</summary>
internal sealed class ZipSource(string display, string rootDiskPath, byte[]? bytes)
{
    public string Display { get; } = display;
    public string RootDiskPath { get; } = rootDiskPath;
    public byte[]? Bytes { get; } = bytes;

    public Stream OpenRaw() => Bytes is null
        ? new FileStream(RootDiskPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess)
        : new MemoryStream(Bytes, writable: false);
}
