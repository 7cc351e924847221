using System.IO.Compression;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Expands the user's paths (folders, files, zips, zips inside zips, .gz files) into the list of data
/// files to parse, in a deterministic order. Files named explicitly are always taken; files found inside a
/// folder or zip are taken when the format's filter accepts their name (so station lists beside them are not
/// mistaken for data).</summary>
internal static class InputResolver
{
    public static List<InputEntry> Resolve(IReadOnlyList<string> paths, Func<string, bool> accept, string formatHint)
    {
        if (paths.Count == 0) throw new InputException($"no input paths given; expected files, folders or zips of {formatHint}");
        var list = new List<InputEntry>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    AddFile(list, f, accept, explicitly: false);
            }
            else if (File.Exists(p)) AddFile(list, p, accept, explicitly: true);
            else throw new InputException($"input '{p}' does not exist; expected a file, a folder or a .zip of {formatHint}");
        }
        if (list.Count == 0)
            throw new InputException($"no {formatHint} files found in {string.Join(", ", paths)}");
        return list;
    }

    private static void AddFile(List<InputEntry> list, string path, Func<string, bool> accept, bool explicitly)
    {
        var name = Path.GetFileName(path);
        if (IsZip(name))
        {
            using var raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var zip = EntryOpener.OpenZip(raw, path);
            AddZip(list, new ZipSource(path, path, null), zip, accept);
            return;
        }
        var gz = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var inner = gz ? name[..^3] : name;
        if (explicitly || accept(inner)) list.Add(new InputEntry(path, inner, path, null, null, gz));
    }

    private static void AddZip(List<InputEntry> list, ZipSource source, ZipArchive zip, Func<string, bool> accept)
    {
        ZipArchiveEntry[] entries;
        try { entries = [.. zip.Entries.OrderBy(x => x.FullName, StringComparer.Ordinal)]; }
        catch (InvalidDataException ex) { throw new InputException($"{source.Display}: not a readable zip archive ({ex.Message}); expected a .zip as the publisher ships it", ex); }
        foreach (var e in entries)
        {
            if (e.FullName.EndsWith('/') || e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal) || e.Name.StartsWith("._", StringComparison.Ordinal))
                continue;
            var display = source.Display + "!" + e.FullName;
            if (IsZip(e.Name))
            {
                var bytes = ReadNestedZip(e, display);
                var inner = new ZipSource(display, source.RootDiskPath, bytes);
                using var innerZip = EntryOpener.OpenZip(inner.OpenRaw(), display);
                AddZip(list, inner, innerZip, accept);
                continue;
            }
            var gz = e.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            var name = gz ? e.Name[..^3] : e.Name;
            if (accept(name)) list.Add(new InputEntry(display, name, null, source, e.FullName, gz));
        }
    }

    /// <summary>A zip inside a zip is held in memory (ZipArchive needs a seekable stream); 1 GiB is far above any
    /// archive we know of (the UCI inner zip is 8 MB) and well below what a MemoryStream can hold (2 GiB).</summary>
    internal const long NestedZipLimit = 1L << 30;

    private static byte[] ReadNestedZip(ZipArchiveEntry e, string display)
    {
        string TooLarge(long n) => $"{display}: a zip inside a zip of {n / (1 << 20):N0} MiB or more; AqNet unpacks inner zips in memory up to " +
                                   $"{NestedZipLimit >> 20:N0} MiB: extract the inner zip and give it instead";
        if (e.Length > NestedZipLimit) throw new InputException(TooLarge(e.Length));
        try
        {
            using var s = e.Open();
            using var ms = new MemoryStream((int)e.Length);
            var buffer = new byte[1 << 16];
            int n;
            while ((n = s.Read(buffer)) > 0)
            {
                // the declared length may lie (a crafted archive): count what is actually inflated
                if (ms.Length + n > NestedZipLimit) throw new InputException(TooLarge(ms.Length + n));
                ms.Write(buffer, 0, n);
            }
            return ms.ToArray();
        }
        catch (InvalidDataException ex) { throw new InputException($"{display}: cannot decompress ({ex.Message}); the zip is corrupt", ex); }
        catch (IOException ex) { throw new InputException($"{display}: cannot read the inner zip ({ex.Message})", ex); }
    }

    private static bool IsZip(string name) => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
}
