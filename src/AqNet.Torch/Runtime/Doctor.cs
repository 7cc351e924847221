using System.Text;
using TorchSharp;

namespace AqNet.Torch.Runtime;

/// <summary>The text of `aqnet doctor`: is the native runtime usable here, and how.</summary>
public static class Doctor
{
    public static string Report()
    {
        var status = TorchRuntime.EnsureLoaded();
        var sb = new StringBuilder();
        sb.AppendLine($"libstdc++ compatibility step: {(status.CompatibilityApplied ? "applied" : "not applied")} ({status.Summary})");
        if (status.HostLibStdCxx is not null) sb.AppendLine($"host libstdc++: {status.HostLibStdCxx}");
        if (status.NativeLibrary is not null) sb.AppendLine($"TorchSharp native library: {status.NativeLibrary}");
        if (status.PatchedCopy is not null) sb.AppendLine($"patched copy: {status.PatchedCopy}");
        using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2));   // proves the native library really runs
        sb.AppendLine($"TorchSharp: {typeof(torch).Assembly.GetName().Version}, libtorch: {torch.__version__}");
        sb.AppendLine($"threads: {torch.get_num_threads()} (cores: {Environment.ProcessorCount}; set AQNET_TORCH_THREADS to change)");
        sb.AppendLine(TorchRuntime.Allocator);
        sb.AppendLine($"device: {(torch.cuda.is_available() ? "cuda" : "cpu")}");
        sb.AppendLine($"check: 2x2 ones matmul sum = {probe.sum().item<float>().ToString(System.Globalization.CultureInfo.InvariantCulture)} (expected 8)");
        return sb.ToString();
    }
}
