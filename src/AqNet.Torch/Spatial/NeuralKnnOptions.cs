using System.Text.Json.Serialization;
using AqNet.Core.Data;
using AqNet.Torch.Nn;

namespace AqNet.Torch.Spatial;

/// <summary>Shape of the neural kNN model and of its inputs. Serialised as JSON beside the weights, so a saved model
/// can be rebuilt from it alone.</summary>
public sealed record NeuralKnnOptions
{
    /// <summary>Input window W in hours, ending at (and including) the issue hour t.</summary>
    public int Window { get; init; } = 24;
    /// <summary>Target offsets in hours from t: 0 = nowcast (PM2.5 at t), 6/12/24 = ahead. One output per entry.</summary>
    public int[] Horizons { get; init; } = [0];
    /// <summary>Numbers of neighbours used at inference; their estimates are averaged, their spread is the uncertainty.
    /// Training draws K per batch from this list (each capped at the stations available).</summary>
    public int[] Ks { get; init; } = [5, 10, 20];
    /// <summary>Pollutants (µg/m³) and meteorology the encoder reads, in order; PM2.5 must be first.</summary>
    public string[] Variables { get; init; } = [.. Core.Data.Variables.Pollutants];
    /// <summary>Offset of local time for the cyclic encoding: the training panel's (<see cref="Core.Data.Panel.UtcOffsetHours"/>).</summary>
    public int UtcOffsetHours { get; init; }
    public int Hidden { get; init; } = 32;
    public int Layers { get; init; } = 1;
    public int Heads { get; init; } = 4;
    public double Dropout { get; init; } = 0.1;
    public Pooling Pooling { get; init; } = Pooling.Mean;
    /// <summary>Width of the learned distance encoding and of the neighbour-score MLP.</summary>
    public int GeoHidden { get; init; } = 16;
    public int ScoreHidden { get; init; } = 32;
    public int DecoderHidden { get; init; } = 64;
    /// <summary>Distances are divided by this (km) before the distance encoding; set from the training network's
    /// mean neighbour distance when 0.</summary>
    public double DistanceScaleKm { get; init; }
    /// <summary>The IDW-like prior −β·ln(d + offset) on the scores; the offset (km) keeps it finite at d = 0.</summary>
    public double DistanceOffsetKm { get; init; } = 1.0;

    /// <summary>The decoder adds its correction to an ordinary-kriging estimate from the observed neighbours instead of
    /// to the attention-weighted mean v̄: an untrained model is then kriging, and training learns what kriging misses.</summary>
    public bool KrigingBase { get; init; }
    /// <summary>Outside training, the decoder's learned correction is multiplied by this (1 = as trained, 0 = the base
    /// alone): shrinkage towards the base, because a correction learned from a few stations' geometries carries over to
    /// a new place only in part (chosen on development runs, docs/results.md).</summary>
    public double CorrectionScale { get; init; } = 1.0;
    /// <summary>The kriging base's variogram, fitted when training starts (null before, and without a kriging base).</summary>
    public KrigingVariogram? Variogram { get; init; }

    /// <summary>Width F of one hour's input row: each variable scaled (WD as sin/cos), one mask per variable, 6 cyclic.</summary>
    [JsonIgnore]
    public int Features => Variables.Sum(v => v == Core.Data.Variables.Wd ? 2 : 1) + Variables.Length + 6;

    [JsonIgnore]
    public int MaxK => Ks.Max();

    /// <summary>The temporal encoder's options (Horizon is unused by the encoder).</summary>
    [JsonIgnore]
    public AqNetOptions EncoderOptions => new()
    {
        InputFeatures = Features, Horizon = 1, Window = Window, Hidden = Hidden, Layers = Layers, Heads = Heads,
        Dropout = Dropout, Pooling = Pooling,
    };

    /// <summary>Throws ArgumentOutOfRangeException naming the first bad property, its value and what is allowed.</summary>
    public void Validate()
    {
        Guard.AtLeast(Window, 1, nameof(Window));
        Guard.Integers(Horizons, 0, nameof(Horizons), "hour offsets", distinct: true);
        Guard.Integers(Ks, 1, nameof(Ks), "neighbour counts");
        if (Variables.Length == 0 || Variables[0] != Core.Data.Variables.Pm25 || Variables.Any(v => !Core.Data.Variables.IsKnown(v)))
            throw new ArgumentOutOfRangeException(nameof(Variables), string.Join(",", Variables), $"expected known variables with {Core.Data.Variables.Pm25} first");
        Guard.UtcOffset(UtcOffsetHours, nameof(UtcOffsetHours));
        Guard.AtLeast(GeoHidden, 1, nameof(GeoHidden));
        Guard.AtLeast(ScoreHidden, 1, nameof(ScoreHidden));
        Guard.AtLeast(DecoderHidden, 1, nameof(DecoderHidden));
        Guard.NonNegative(DistanceScaleKm, nameof(DistanceScaleKm));
        Guard.Positive(DistanceOffsetKm, nameof(DistanceOffsetKm));
        Guard.InRange(CorrectionScale, 0, 2, nameof(CorrectionScale), "a factor (1 = the correction as trained)");
        if (Variogram is not null && !KrigingBase)
            throw new ArgumentOutOfRangeException(nameof(Variogram), Variogram, "a variogram is only used with KrigingBase = true");
        EncoderOptions.Validate();
    }

    /// <summary>Human-readable one-liner for logs and reports.</summary>
    public override string ToString() =>
        $"W={Window.ToString(Fmt.Inv)}h horizons={string.Join("/", Horizons)}h k={string.Join("/", Ks)} vars={string.Join(",", Variables)} " +
        $"hidden={Hidden.ToString(Fmt.Inv)} pooling={Pooling} distScale={Fmt.F(DistanceScaleKm, 1)}km" +
        (CorrectionScale != 1 ? $" correction×{Fmt.D(CorrectionScale)}" : "") +
        (KrigingBase ? Variogram is { } v ? $" kriging base (exponential, nugget {Fmt.F(v.Nugget, 3)}, sill {Fmt.F(v.Nugget + v.PartialSill, 3)}, range {Fmt.F(v.RangeKm, 1)} km)" : " kriging base" : "");
}
