using System.Runtime.InteropServices;

namespace AqNet.Torch.Runtime;

/// <summary>Keeps libtorch's large, short-lived tensors in glibc's heap instead of fresh mmap'd pages. By default
/// glibc serves every block above a dynamic threshold (at most 32 MB) with its own mmap and unmaps it on free, so a
/// loop that allocates and frees 40 MB tensors pays a page fault per 4 kB on every pass: the 0.05° northern-China
/// grid spent more time in the kernel (298 s) than computing (214 s), with 147 million minor page faults
/// (`/usr/bin/time -v aqnet reanalyze ...`). Raising the mmap and trim thresholds lets freed blocks be reused.
/// Set AQNET_MALLOC=default to leave glibc's settings alone.</summary>
internal static class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Blocks up to this size come from the heap (bytes).</summary>
    public const int MmapThresholdBytes = 512 << 20;
    /// <summary>Free memory at the top of the heap kept for reuse before it is returned to the system (bytes).</summary>
    public const int TrimThresholdBytes = 1024 << 20;

    /// <summary>What was done, for `aqnet doctor`.</summary>
    public static string Configure()
    {
        if (!OperatingSystem.IsLinux()) return "allocator: platform default";
        if (Environment.GetEnvironmentVariable("AQNET_MALLOC") == "default") return "allocator: glibc defaults (AQNET_MALLOC=default)";
        try
        {
            var ok = mallopt(MMmapThreshold, MmapThresholdBytes) == 1 && mallopt(MTrimThreshold, TrimThresholdBytes) == 1;
            return ok ? $"allocator: glibc heap for blocks up to {MmapThresholdBytes >> 20} MB, trim above {TrimThresholdBytes >> 20} MB"
                      : "allocator: glibc refused the thresholds; defaults kept";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "allocator: not glibc; defaults kept";
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
