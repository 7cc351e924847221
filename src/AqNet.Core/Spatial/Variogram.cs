using AqNet.Core.Data;

namespace AqNet.Core.Spatial;

public enum VariogramKind { Spherical, Exponential }

/// <summary>A bounded semivariogram model: γ(0) = 0 and, for h > 0, γ(h) = nugget + partialSill · f(h / range), with
/// spherical f(r) = 1.5 r − 0.5 r³ (r &lt; 1, else 1) or exponential f(r) = 1 − exp(−3 r) (range = practical range,
/// where 95% of the sill is reached). Distances km; the sill has the units of the empirical variogram it was fitted to.</summary>
public sealed record VariogramModel
{
    public VariogramModel(VariogramKind kind, double nugget, double partialSill, double rangeKm)
    {
        Guard.NonNegative(nugget, nameof(nugget));
        Guard.NonNegative(partialSill, nameof(partialSill));
        Guard.Positive(rangeKm, nameof(rangeKm));
        if (nugget + partialSill <= 0)
            throw new ArgumentOutOfRangeException(nameof(partialSill), $"nugget {nugget} + partialSill {partialSill} = 0; expected a positive sill");
        Kind = kind;
        Nugget = nugget;
        PartialSill = partialSill;
        RangeKm = rangeKm;
    }

    public VariogramKind Kind { get; }
    public double Nugget { get; }
    public double PartialSill { get; }
    public double RangeKm { get; }
    public double Sill => Nugget + PartialSill;

    /// <summary>γ(h) for a lag h km: 0 at h = 0.</summary>
    public double Gamma(double hKm) => hKm <= 0 ? 0 : Nugget + PartialSill * Shape(Kind, hKm / RangeKm);

    /// <summary>γ between two DIFFERENT stations: the nugget applies even when they share a position, so co-located
    /// stations do not make the kriging system singular (when the nugget is > 0).</summary>
    public double GammaBetweenStations(double hKm) => Nugget + PartialSill * Shape(Kind, Math.Max(hKm, 0) / RangeKm);

    internal static double Shape(VariogramKind kind, double r) => kind switch
    {
        VariogramKind.Spherical => r >= 1 ? 1 : 1.5 * r - 0.5 * r * r * r,
        VariogramKind.Exponential => 1 - Math.Exp(-3 * r),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "expected Spherical or Exponential"),
    };
}

/// <summary>Binned empirical semivariogram: mean lag (km), semivariance and number of (pair, hour) terms per bin;
/// only non-empty bins are kept.</summary>
public sealed record EmpiricalVariogram(double[] LagKm, double[] Gamma, long[] Count);
