using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AqNet.Core.Data;
using TorchSharp;

namespace AqNet.Torch.Runtime;

/// <summary>What `aqnet doctor` found: is the native runtime usable here, and how.</summary>
public sealed record DoctorReport(
    TorchRuntimeStatus Compatibility,
    [property: JsonPropertyName("aqnet_version")] string AqNetVersion,
    [property: JsonPropertyName("torchsharp_version")] string TorchSharpVersion,
    [property: JsonPropertyName("libtorch_version")] string LibTorchVersion,
    int Threads,
    int Cores,
    string? Allocator,
    string? Mkl,
    string Device,
    float CheckSum);

/// <summary>`aqnet doctor`: loads libtorch (through the libstdc++ compatibility step where needed) and runs a tiny
/// computation to prove the native library works.</summary>
public static class Doctor
{
    public static DoctorReport Run()
    {
        var status = TorchRuntime.EnsureLoaded();
        using var probe = torch.ones(2, 2).matmul(torch.ones(2, 2));   // proves the native library really runs
        using var sum = probe.sum();
        return new DoctorReport(status, BuildInfo.Version, typeof(torch).Assembly.GetName().Version?.ToString() ?? "?", torch.__version__,
            torch.get_num_threads(), Environment.ProcessorCount, TorchRuntime.Allocator, TorchRuntime.Mkl,
            torch.cuda.is_available() ? "cuda" : "cpu", sum.item<float>());
    }

    public static string Text(DoctorReport d)
    {
        var status = d.Compatibility;
        var sb = new StringBuilder();
        sb.AppendLine($"AqNet: {d.AqNetVersion}");
        sb.AppendLine($"libstdc++ compatibility step: {(status.CompatibilityApplied ? "applied" : "not applied")} ({status.Summary})");
        if (status.HostLibStdCxx is not null) sb.AppendLine($"host libstdc++: {status.HostLibStdCxx}");
        if (status.NativeLibrary is not null) sb.AppendLine($"TorchSharp native library: {status.NativeLibrary}");
        if (status.PatchedCopy is not null) sb.AppendLine($"patched copy: {status.PatchedCopy}");
        sb.AppendLine($"TorchSharp: {d.TorchSharpVersion}, libtorch: {d.LibTorchVersion}");
        sb.AppendLine($"threads: {d.Threads} (cores: {d.Cores}; set AQNET_TORCH_THREADS to change)");
        sb.AppendLine(d.Allocator);
        sb.AppendLine(d.Mkl);
        sb.AppendLine($"device: {d.Device}");
        sb.AppendLine($"check: 2x2 ones matmul sum = {d.CheckSum.ToString(System.Globalization.CultureInfo.InvariantCulture)} (expected 8)");
        return sb.ToString();
    }

    public static string Json(DoctorReport d) => JsonSerializer.Serialize(d, JsonText.SnakeCase) + "\n";
}
