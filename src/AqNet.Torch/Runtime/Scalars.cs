using TorchSharp;

namespace AqNet.Torch.Runtime;

/// <summary>Scalars that live as long as the process, for the hot paths. TorchSharp turns a number given to a tensor op
/// (<c>masked_fill(m, 0f)</c>, <c>x > 0</c>, <c>clamp_min(1)</c>) and the implicit alpha of <c>a + b</c> / <c>a - b</c>
/// into a temporary Scalar that only its finalizer frees. When another thread allocates, a GC can finalize that Scalar
/// while the native op is still reading it, and libtorch fails with "Expected false to be true" in Scalar::toFloat.
/// Reproduced in isolation: a loop of <c>x.masked_fill(m, 0f)</c> and <c>y + x</c> with a second thread allocating
/// crashed within seconds, with or without AqNet's glibc settings; the same ops with scalars held alive ran 4.5 million
/// times without error. Variable values use <c>using var s = v.ToScalar()</c> instead. TorchSharp's own code makes
/// such temporaries too (<c>square()</c> is <c>pow(2)</c>, <c>a.sub(b)</c> passes alpha 1, AdamW's step), so the
/// rule that makes it safe is the other half: a GC that can finalize one mid-op must be started by another thread, and
/// aqnet never allocates on a second thread while torch computes (the test assemblies run their classes one at a time
/// for the same reason).</summary>
internal static class Scalars
{
    public static readonly Scalar Zero = 0f.ToScalar();
    public static readonly Scalar One = 1f.ToScalar();
    public static readonly Scalar NaN = float.NaN.ToScalar();
    /// <summary>The score given to masked neighbours before the softmax.</summary>
    public static readonly Scalar MaskedScore = (-1e30f).ToScalar();
    /// <summary>Floor of a softmax denominator.</summary>
    public static readonly Scalar Tiny = 1e-30f.ToScalar();
    /// <summary>Added under the square root of the neighbour spread.</summary>
    public static readonly Scalar SpreadFloor = 1e-4f.ToScalar();
    public static readonly Scalar KrigingMinWeight = Spatial.KrigingVariogram.MinWeightSum.ToScalar();
}
