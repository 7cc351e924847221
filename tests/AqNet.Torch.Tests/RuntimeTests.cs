using AqNet.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace AqNet.Torch.Tests;

/// <summary>The libstdc++ compatibility step: its decision on the real library, and a real training loop after it.</summary>
public sealed class RuntimeTests
{
    private static string NativeLibraryPath()
    {
        var status = TorchRuntime.EnsureLoaded();
        Assert.NotNull(status.NativeLibrary);
        return status.NativeLibrary!;
    }

    [Fact]
    public void Host_with_every_version_needs_no_patch()
    {
        var path = NativeLibraryPath();
        var bytes = File.ReadAllBytes(path);
        var all = ElfVersionInfo.Read(bytes, path).Needs.Select(n => n.Version).ToHashSet();
        var plan = LibStdCxxCompat.Analyse(bytes, path, all);
        Assert.Empty(plan.Missing);
        Assert.Empty(plan.ToWeaken);
        Assert.Null(plan.Refusal);
    }

    [Fact]
    public void Gcc12_host_weakens_only_the_ios_base_marker_version()
    {
        var path = NativeLibraryPath();
        var bytes = File.ReadAllBytes(path);
        var gcc12 = ElfVersionInfo.Read(bytes, path).Needs.Select(n => n.Version).Where(v => v != "GLIBCXX_3.4.32").ToHashSet();
        var plan = LibStdCxxCompat.Analyse(bytes, path, gcc12);
        Assert.Equal(["GLIBCXX_3.4.32"], plan.Missing);
        Assert.Single(plan.ToWeaken);
        Assert.Null(plan.Refusal);
    }

    [Fact]
    public void A_missing_version_with_real_symbols_is_refused()
    {
        var path = NativeLibraryPath();
        var bytes = File.ReadAllBytes(path);
        var old = ElfVersionInfo.Read(bytes, path).Needs.Select(n => n.Version)
            .Where(v => v is not "GLIBCXX_3.4.32" and not "GLIBCXX_3.4.30").ToHashSet();
        var plan = LibStdCxxCompat.Analyse(bytes, path, old);
        Assert.NotNull(plan.Refusal);
        Assert.Contains("GLIBCXX_3.4.30", plan.Refusal);
    }

    [Fact]
    public void Status_matches_this_host()
    {
        var status = TorchRuntime.EnsureLoaded();
        var hostHas32 = LibStdCxxCompat.HostVersions(out _).Contains("GLIBCXX_3.4.32");
        Assert.Equal(!hostHas32, status.CompatibilityApplied);
    }

    [Fact]
    public void Lstm_attention_loop_trains_after_loading()
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(1);
        using var lstm = nn.LSTM(4, 16, batchFirst: true);
        using var attn = nn.MultiheadAttention(16, 4);               // expects [T, B, E]
        using var head = nn.Linear(16, 1);
        var parameters = lstm.parameters().Concat(attn.parameters()).Concat(head.parameters()).ToList();
        using var opt = optim.AdamW(parameters, lr: 1e-2);
        using var x = torch.randn(32, 12, 4);                      // x: [B, T, F]
        using var y = x.sum([1, 2]).unsqueeze(1) / 10;              // y: [B, 1]
        float first = 0, last = 0;
        for (var step = 0; step < 60; step++)
        {
            using var scope = torch.NewDisposeScope();
            opt.zero_grad();
            var (z, _, _) = lstm.call(x);                           // z: [B, T, H]
            var zt = z.transpose(0, 1);                             // zt: [T, B, H]
            var (a, _) = attn.call(zt, zt, zt, null, false, null);  // a: [T, B, H]
            var pred = head.call((a + zt).mean([0]));               // pred: [B, 1]
            var loss = nn.functional.mse_loss(pred, y);
            loss.backward();
            opt.step();
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first * 0.5f, $"loss should fall by half: first {first}, last {last}");
    }
}
