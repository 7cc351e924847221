using AqNet.Core.Data;

namespace AqNet.Torch.Bench;

/// <summary>Samples per second of the product's AQ-Net model and Trainer step, and of a bare TorchSharp loop of the
/// same shapes, measured in the same process one after the other.</summary>
public sealed record BenchResult(int Seq, int Batch, int Hidden, int Layers, int Heads, int Threads,
    double ProductTrainPerSecond, double BareTrainPerSecond, double ProductInferPerSecond, double BareInferPerSecond)
{
    /// <summary>Product ÷ bare training throughput (≥ 0.9 is the target).</summary>
    public double TrainRatio => ProductTrainPerSecond / BareTrainPerSecond;
    public double InferRatio => ProductInferPerSecond / BareInferPerSecond;

    public override string ToString() =>
        $"seq {Seq.ToString(Fmt.Inv)}, batch {Batch.ToString(Fmt.Inv)}, hidden {Hidden.ToString(Fmt.Inv)}, layers {Layers.ToString(Fmt.Inv)}, heads {Heads.ToString(Fmt.Inv)}, threads {Threads.ToString(Fmt.Inv)}\n" +
        $"  train samples/s: product {Fmt.F(ProductTrainPerSecond, 0)}, bare {Fmt.F(BareTrainPerSecond, 0)} (ratio {Fmt.F(TrainRatio, 3)})\n" +
        $"  infer samples/s: product {Fmt.F(ProductInferPerSecond, 0)}, bare {Fmt.F(BareInferPerSecond, 0)} (ratio {Fmt.F(InferRatio, 3)})";
}
