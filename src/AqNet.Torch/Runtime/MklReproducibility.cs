using System.Runtime.InteropServices;

namespace AqNet.Torch.Runtime;

/// <summary>Makes libtorch's MKL give the same bits on every run. By default MKL picks its code path per call from the
/// alignment of the buffers, so the same model on the same inputs could differ in the last bit from one run to the next
/// (seen as 1-3 of 5,508 grid values of aqnet-st differing between two identical runs, and sharded grids then differing
/// from the single run); MKL's conditional numerical reproducibility (MKL_CBWR=AUTO: the best instruction set of the
/// CPU, alignment-independent) removes that. It must be in the native environment before MKL's first call, which
/// .NET's Environment.SetEnvironmentVariable does not reach on Unix, hence setenv. A value the user set is kept.</summary>
internal static class MklReproducibility
{
    public const string Variable = "MKL_CBWR";
    public const string Mode = "AUTO";

    /// <summary>What was done, for `aqnet doctor`.</summary>
    public static string Configure()
    {
        var set = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(set)) return $"MKL: {Variable}={set} (from the environment)";
        if (OperatingSystem.IsWindows()) return "MKL: default code paths (Windows)";
        try
        {
            return setenv(Variable, Mode, 0) == 0 ? $"MKL: {Variable}={Mode} (run-to-run reproducible)" : "MKL: setenv failed; default code paths";
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return "MKL: no libc setenv; default code paths";
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
