using System.Security.Cryptography;

namespace AqNet.Torch.Runtime;

/// <summary>Decides whether TorchSharp's native glue needs the libstdc++ compatibility step, and makes the
/// patched copy. Background: TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and so
/// needs the version GLIBCXX_3.4.32, which GCC 12's libstdc++ (Debian 12, Ubuntu 22.04: up to 3.4.30) lacks, so
/// the loader refuses it. The only symbol bound to that version is std::ios_base_library_init(), GCC 13's
/// iostream-initialisation marker, which no relocation references. Marking that one version need as weak
/// (VER_FLG_WEAK in .gnu.version_r) lets the loader accept the library; nothing it calls changes.
/// We never patch when the host has every version, or when a missing version carries any other symbol.</summary>
internal static class LibStdCxxCompat
{
    private const ushort VerFlgWeak = 0x2;

    /// <summary>Symbols that are safe to leave unresolved: markers that no relocation uses.</summary>
    private static readonly HashSet<string> MarkerSymbols = ["_ZSt21ios_base_library_initv"];

    public sealed record Plan(IReadOnlyList<string> Missing, IReadOnlyList<ElfVersionInfo.Need> ToWeaken, string? Refusal);

    /// <summary>Compares what <paramref name="libraryBytes"/> needs from libstdc++ with what the host's defines.</summary>
    public static Plan Analyse(byte[] libraryBytes, string libraryPath, IReadOnlySet<string> hostVersions)
    {
        var info = ElfVersionInfo.Read(libraryBytes, libraryPath);
        var missing = info.Needs
            .Where(n => n.File.StartsWith("libstdc++", StringComparison.Ordinal) && !hostVersions.Contains(n.Version))
            .ToList();
        foreach (var need in missing)
        {
            var symbols = info.UndefinedSymbolsByVersion.GetValueOrDefault(need.Index) ?? [];
            var unsafeSymbols = symbols.Where(s => !MarkerSymbols.Contains(s)).ToList();
            if (unsafeSymbols.Count > 0)
                return new Plan([.. missing.Select(m => m.Version)], [],
                    $"{libraryPath} needs {need.Version} from libstdc++ for {string.Join(", ", unsafeSymbols.Take(5))}; " +
                    "this host's libstdc++ lacks it and it cannot be skipped safely: install a newer libstdc++ (GCC 13 or later)");
        }
        return new Plan([.. missing.Select(m => m.Version)], missing, null);
    }

    /// <summary>Writes the patched copy (atomically) into a cache folder keyed by the original's hash and returns its path.</summary>
    public static string WritePatchedCopy(byte[] original, IReadOnlyList<ElfVersionInfo.Need> toWeaken, string cacheRoot)
    {
        var hash = Convert.ToHexString(SHA256.HashData(original))[..16].ToLowerInvariant();
        var dir = Path.Combine(cacheRoot, "torchsharp-compat", hash);
        var target = Path.Combine(dir, "libLibTorchSharp.so");
        if (File.Exists(target)) return target;
        Directory.CreateDirectory(dir);
        var patched = (byte[])original.Clone();
        foreach (var need in toWeaken)
        {
            var flags = (ushort)(need.Flags | VerFlgWeak);
            patched[need.FlagsOffset] = (byte)(flags & 0xff);
            patched[need.FlagsOffset + 1] = (byte)(flags >> 8);
        }
        Core.Data.AtomicFile.Write(target, s => s.Write(patched));
        return target;
    }

    /// <summary>The version names defined by the libstdc++ this process loads (empty if none can be found).</summary>
    public static IReadOnlySet<string> HostVersions(out string? hostPath)
    {
        hostPath = FindLoaded("libstdc++.so.6");
        if (hostPath is null) return new HashSet<string>();
        var info = ElfVersionInfo.Read(File.ReadAllBytes(hostPath), hostPath);
        return info.Definitions.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Loads a library by soname and returns the path the dynamic loader chose (from /proc/self/maps).</summary>
    private static string? FindLoaded(string soname)
    {
        if (!System.Runtime.InteropServices.NativeLibrary.TryLoad(soname, out _)) return null;
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var slash = line.IndexOf('/');
            // maps name the real file (libstdc++.so.6.0.30), so match the soname as a prefix of the file name
            if (slash >= 0 && line.Contains("/" + soname, StringComparison.Ordinal)) return line[slash..];
        }
        return null;
    }
}
