namespace AqNet.Torch.Tests;

/// <summary>Tests that compare two training runs with dropout bit for bit: torch's generator is one per process, so
/// they run alone, after the tests that may draw from it in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchGeneratorCollection
{
    public const string Name = "torch generator";
}
