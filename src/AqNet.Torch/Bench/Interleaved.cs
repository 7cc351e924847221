using System.Diagnostics;

namespace AqNet.Torch.Bench;

/// <summary>Two loops measured in alternating slices of a quarter second until each has had its time, so that load
/// from other processes hits both alike. A step returns the samples it did.</summary>
internal static class Interleaved
{
    private const double SliceSeconds = 0.25;

    /// <summary>Samples per second of a and b, after 3 warm-up steps each (first calls allocate and pick kernels).</summary>
    public static (double A, double B) Run(Func<long> a, Func<long> b, double seconds)
    {
        Slice(a, 0, 3, out _);
        Slice(b, 0, 3, out _);
        long samplesA = 0, samplesB = 0;
        double timeA = 0, timeB = 0;
        while (timeA < seconds || timeB < seconds)
        {
            samplesA += Slice(a, SliceSeconds, int.MaxValue, out var ta);
            samplesB += Slice(b, SliceSeconds, int.MaxValue, out var tb);
            timeA += ta;
            timeB += tb;
        }
        return (samplesA / timeA, samplesB / timeB);
    }

    // Steps for `seconds` (0 = no time limit) or `maxSteps`, whichever comes first; samples done.
    private static long Slice(Func<long> step, double seconds, int maxSteps, out double elapsed)
    {
        var clock = Stopwatch.StartNew();
        long samples = 0;
        for (var i = 0; i < maxSteps && (seconds == 0 || clock.Elapsed.TotalSeconds < seconds); i++) samples += step();
        elapsed = clock.Elapsed.TotalSeconds;
        return samples;
    }
}
