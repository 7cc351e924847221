using AqNet.Core.Data;

namespace AqNet.Torch.Bench;

/// <summary>Training samples per second of aqnet-st through the training engine (batch sampling with the training gap
/// patterns, pinball loss, clipping, AdamW, weight average) and of a bare TorchSharp loop of the same model and shapes
/// on one fixed batch, measured in the same process, interleaved.</summary>
public sealed record StBenchResult(int Window, int Neighbours, int Hidden, int Heads, int Batch, int Threads,
    double EngineTrainPerSecond, double BareTrainPerSecond)
{
    /// <summary>Engine ÷ bare training throughput (≥ 0.9 is the target).</summary>
    public double TrainRatio => EngineTrainPerSecond / BareTrainPerSecond;

    public override string ToString() =>
        $"aqnet-st: window {Window.ToString(Fmt.Inv)}, neighbours {Neighbours.ToString(Fmt.Inv)}, hidden {Hidden.ToString(Fmt.Inv)}, heads {Heads.ToString(Fmt.Inv)}, batch {Batch.ToString(Fmt.Inv)}, threads {Threads.ToString(Fmt.Inv)}\n" +
        $"  train samples/s: engine {Fmt.F(EngineTrainPerSecond, 1)}, bare {Fmt.F(BareTrainPerSecond, 1)} (ratio {Fmt.F(TrainRatio, 3)})";
}
