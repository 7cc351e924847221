using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace AqNet.Torch.Runtime;

/// <summary>What <see cref="TorchRuntime.EnsureLoaded"/> found and did; printed by `aqnet doctor`.</summary>
public sealed record TorchRuntimeStatus(
    bool CompatibilityApplied,
    string Summary,
    string? NativeLibrary,
    string? PatchedCopy,
    [property: System.Text.Json.Serialization.JsonPropertyName("host_libstdcxx")] string? HostLibStdCxx,
    IReadOnlyList<string> MissingVersions);

/// <summary>Makes TorchSharp's native library loadable before any TorchSharp call. Every entry point that uses
/// TorchSharp calls <see cref="EnsureLoaded"/> first. On a host whose libstdc++ has every version the library
/// needs it does nothing; on an older one it loads a patched copy (see <see cref="LibStdCxxCompat"/>).</summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static TorchRuntimeStatus? _status;
    private static IntPtr _patchedHandle;

    public static TorchRuntimeStatus Status => _status ?? EnsureLoaded();

    /// <summary>How the native heap was configured (see <see cref="NativeHeap"/>); null before <see cref="EnsureLoaded"/>.</summary>
    public static string? Allocator { get; private set; }

    /// <summary>How MKL's numerical reproducibility was set (see <see cref="MklReproducibility"/>); null before <see cref="EnsureLoaded"/>.</summary>
    public static string? Mkl { get; private set; }

    public static TorchRuntimeStatus EnsureLoaded()
    {
        lock (Gate)
        {
            if (_status is not null) return _status;
            Allocator = NativeHeap.Configure();
            Mkl = MklReproducibility.Configure();
            _status = Prepare();
            TorchSharp.torch.set_num_threads(Threads());
            return _status;
        }
    }

    /// <summary>Torch's intra-op threads: $AQNET_TORCH_THREADS, else 1. On a machine where another process holds a
    /// core, libtorch's OpenMP workers spin-wait for it and a second thread makes training many times slower
    /// (docs/benchmarks.md, `aqnet bench model --threads N`); small batches gain little from a second thread even on
    /// an idle machine, so one thread is the safe default.</summary>
    public static int Threads()
    {
        var env = Environment.GetEnvironmentVariable("AQNET_TORCH_THREADS");
        if (string.IsNullOrEmpty(env)) return 1;
        if (!int.TryParse(env, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > 256)
            throw new Core.Data.InputException($"AQNET_TORCH_THREADS='{env}': expected a whole number of threads from 1 to 256");
        return n;
    }

    private static TorchRuntimeStatus Prepare()
    {
        if (!OperatingSystem.IsLinux()) return new(false, "not Linux: nothing to do", null, null, null, []);
        if (Environment.GetEnvironmentVariable("AQNET_TORCH_COMPAT") == "off")
            return new(false, "disabled by AQNET_TORCH_COMPAT=off", null, null, null, []);
        var original = FindNativeLibrary();
        if (original is null) return new(false, "libLibTorchSharp.so not found next to TorchSharp; left to TorchSharp's own loader", null, null, null, []);
        var hostVersions = LibStdCxxCompat.HostVersions(out var hostPath);
        if (hostPath is null) return new(false, "no libstdc++.so.6 found on this host; left to TorchSharp's own loader", original, null, null, []);
        var bytes = File.ReadAllBytes(original);
        var plan = LibStdCxxCompat.Analyse(bytes, original, hostVersions);
        if (plan.Refusal is not null) throw new InvalidOperationException(plan.Refusal);
        if (plan.Missing.Count == 0)
            return new(false, $"not needed: {hostPath} provides every version TorchSharp needs", original, null, hostPath, []);

        var patched = LibStdCxxCompat.WritePatchedCopy(bytes, plan.ToWeaken, CacheRoot());
        // The patched copy lives elsewhere, so its RUNPATH ($ORIGIN) cannot find libtorch: load the libraries it
        // needs from the original folder by full path first; the loader then matches them by soname.
        var dir = Path.GetDirectoryName(original)!;
        foreach (var dep in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
        {
            var p = Path.Combine(dir, dep);
            if (File.Exists(p)) NativeLibrary.Load(p);
        }
        _patchedHandle = NativeLibrary.Load(patched);
        // TorchSharp then asks for "LibTorchSharp"; the loader finds the already loaded soname. Should a probe
        // by full path fail anyway, hand it the patched handle.
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
            name.Contains("LibTorchSharp", StringComparison.Ordinal) ? _patchedHandle : IntPtr.Zero;
        return new(true, $"applied: {hostPath} lacks {string.Join(", ", plan.Missing)}; loaded a copy with that need marked weak",
            original, patched, hostPath, plan.Missing);
    }

    /// <summary>Where the patched copy is cached: $AQNET_CACHE, else $XDG_CACHE_HOME/aqnet, else ~/.cache/aqnet,
    /// else the temp folder.</summary>
    public static string CacheRoot()
    {
        var env = Environment.GetEnvironmentVariable("AQNET_CACHE");
        if (!string.IsNullOrEmpty(env)) return env;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return Path.Combine(xdg, "aqnet");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache", "aqnet") : Path.Combine(Path.GetTempPath(), "aqnet");
    }

    /// <summary>The libLibTorchSharp.so the runtime would load: the native search folders the host gives this
    /// app (deps.json), then the conventional spots beside TorchSharp.dll.</summary>
    private static string? FindNativeLibrary()
    {
        const string name = "libLibTorchSharp.so";
        var dirs = new List<string>();
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            dirs.AddRange(searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var asmDir = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        if (!string.IsNullOrEmpty(asmDir))
        {
            dirs.Add(asmDir);
            dirs.Add(Path.Combine(asmDir, "runtimes", "linux-x64", "native"));
        }
        dirs.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native"));
        return dirs.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
