using System.IO.Compression;
using System.Text;

namespace AqNet.Core.Tests.Import;

/// <summary>A temporary folder for fixture files written by a test (fixtures live as string literals in the tests).</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aqnet-import-" + Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name, string text, Encoding? encoding = null)
    {
        var p = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllBytes(p, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return p;
    }

    public string Bytes(string name, byte[] bytes)
    {
        var p = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(p, bytes);
        return p;
    }

    /// <summary>A zip of (entry name, text) members.</summary>
    public string Zip(string name, params (string Entry, string Text)[] members) => Bytes(name, ZipBytes(members));

    public static byte[] ZipBytes(params (string Entry, string Text)[] members)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (entry, text) in members)
            {
                using var w = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
        return ms.ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
