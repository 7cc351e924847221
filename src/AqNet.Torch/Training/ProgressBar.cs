using System.Diagnostics;
using AqNet.Core.Data;

namespace AqNet.Torch.Training;

/// <summary>An in-place bar on stderr (only when stderr is a terminal, so logs and CI output stay clean), redrawn at
/// most 4 times a second: batch, running loss, samples/s, time left in the epoch.</summary>
internal sealed class ProgressBar
{
    private readonly bool enabled = !Console.IsErrorRedirected;
    private readonly Stopwatch sinceDraw = Stopwatch.StartNew();
    private bool drawn;

    public void Update(int epoch, int batch, int batches, double loss, long samples, double seconds)
    {
        if (!enabled || (sinceDraw.ElapsedMilliseconds < 250 && batch < batches)) return;
        sinceDraw.Restart();
        var rate = seconds > 0 ? samples / seconds : 0;
        var left = batch > 0 ? seconds / batch * (batches - batch) : 0;
        const int width = 24;
        var filled = (int)((long)width * batch / Math.Max(1, batches));
        Console.Error.Write(
            $"\repoch {epoch.ToString(Fmt.Inv)} [{new string('#', filled)}{new string('.', width - filled)}] " +
            $"{batch.ToString(Fmt.Inv)}/{batches.ToString(Fmt.Inv)} loss {Fmt.F(loss, 4)} {Fmt.F(rate, 0)} samples/s {Fmt.F(left, 0)} s left   ");
        drawn = true;
    }

    public void Clear()
    {
        if (!drawn) return;
        Console.Error.Write("\r" + new string(' ', 100) + "\r");
        drawn = false;
    }
}
