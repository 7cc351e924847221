using AqNet.Core.Data;
using AqNet.Core.Spatial;

namespace AqNet.Core.Experiments.Spatial;

/// <summary>Everything `aqnet experiment spatial` needs. Hour fractions are of the panel's hours: the last
/// <see cref="TestFraction"/> is the test part (as in the classical baseline evaluation), the
/// <see cref="ValidationFraction"/> before it (less a gap of W + the longest horizon) is for early stopping, the rest trains.</summary>
public sealed record SpatialExperimentOptions
{
    /// <summary>The store to read (used by the Run overload that takes no panel).</summary>
    public string? StorePath { get; init; }
    /// <summary>Folder for results.json, report.md, figures/ and model/ (created).</summary>
    public required string OutputDir { get; init; }
    public SpatialProtocolKind Protocol { get; init; } = SpatialProtocolKind.Loso;
    /// <summary>Holdout: fraction of located stations hidden (spread by farthest-point sampling); ignored when HiddenIds is set.</summary>
    public double? HiddenRatio { get; init; }
    public IReadOnlyList<string>? HiddenIds { get; init; }
    /// <summary>Seed of the hidden-station choice by ratio.</summary>
    public int HiddenSeed { get; init; } = 42;
    /// <summary>Numbers of neighbours of the neural kNN at inference (mean = estimate, spread = uncertainty). 3, 5, 10 was
    /// chosen on development runs (`--development`, UCI Beijing LOSO before the test part: MAE 13.14 against 13.22 for
    /// 5, 10, 20, 13.18 for 3, 5, 10, 20 and 13.24 for 2, 3, 5; docs/results.md).</summary>
    public IReadOnlyList<int> Ks { get; init; } = [3, 5, 10];
    /// <summary>Training seeds of the neural kNN (metrics are averaged over them).</summary>
    public int Seeds { get; init; } = 1;
    /// <summary>Also score forecasts at these hours ahead (aqnet-knn trained for them; baselines = interpolated value now).</summary>
    public IReadOnlyList<int> AheadHours { get; init; } = [];
    public bool Quick { get; init; }
    /// <summary>The command as typed, recorded in results.json; null = a library call.</summary>
    public string? CommandLine { get; init; }
    /// <summary>Feed the neighbours' meteorology (where the store has it) to the neural kNN as well as the pollutants.</summary>
    public bool Meteorology { get; init; }
    /// <summary>The neural kNN decodes a correction to an ordinary-kriging estimate instead of to its weighted mean
    /// (on by default: LOSO MAE 11.64 against 11.97 without, docs/results.md).</summary>
    public bool KrigingBase { get; init; } = true;
    /// <summary>Only stations inside this box (lon0, lat0, lon1, lat1 in degrees) take part, e.g. northern China
    /// out of the national network; null = all stations with coordinates.</summary>
    public (double Lon0, double Lat0, double Lon1, double Lat1)? Region { get; init; }
    /// <summary>Factor on the neural kNN's learned correction at inference (<c>NeuralKnnOptions.CorrectionScale</c>); 0.75
    /// was chosen on development runs (UCI Beijing LOSO before the test part: the best factor was 0.7 to 0.8 in both runs).</summary>
    public double CorrectionScale { get; init; } = 0.75;
    /// <summary>Training schedule of the neural kNN per fold (ignored with Quick).</summary>
    public int Epochs { get; init; } = 4;
    public int StepsPerEpoch { get; init; } = 100;
    /// <summary>Hours of each neighbour's input window (ending at the estimated hour).</summary>
    public int Window { get; init; } = 24;
    /// <summary>Neural kNN training: probability that a station is hidden from its neighbours at an hour of a batch
    /// (chosen on UCI Beijing LOSO; the measured figures are in docs/results.md).</summary>
    public double NeighbourDropout { get; init; } = 0.2;
    /// <summary>A development run for choosing settings: the panel is cut before the test part it would have (its last
    /// <see cref="TestFraction"/>), and the usual split is applied to what is left, so the real test hours are never used (loaded, then cut off before anything sees them).</summary>
    public bool Development { get; init; }
    public double TestFraction { get; init; } = 0.2;
    public double ValidationFraction { get; init; } = 0.1;

    public SpatialProtocol SpatialProtocol() => Protocol switch
    {
        SpatialProtocolKind.Loso => Core.Spatial.SpatialProtocol.Loso(),
        SpatialProtocolKind.Holdout when HiddenIds is { Count: > 0 } ids => Core.Spatial.SpatialProtocol.Holdout(ids),
        SpatialProtocolKind.Holdout => Core.Spatial.SpatialProtocol.HoldoutByRatio(HiddenRatio ?? 0.2, HiddenSeed),
        _ => throw new InputException($"unknown spatial protocol '{Protocol}'; expected loso or holdout"),
    };

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDir)) throw new InputException("an output folder is needed (--out DIR)");
        SpatialProtocol();
        if (Protocol == SpatialProtocolKind.Loso && (HiddenRatio is not null || HiddenIds is { Count: > 0 }))
            throw new InputException("--hidden-ratio and --hidden apply to --protocol holdout only; loso hides every station in turn");
        if (HiddenRatio is { } r && !(r > 0 && r < 1))
            throw new InputException($"hidden-station ratio {Fmt.D(r)} is not allowed; expected a number strictly between 0 and 1 (e.g. 0.2)");
        if (Ks.Count == 0 || Ks.Any(k => k < 1)) throw new InputException($"--k {string.Join(",", Ks)} is not allowed; expected integers >= 1, e.g. 5,10,20");
        if (Epochs < 1 || StepsPerEpoch < 1) throw new InputException($"--epochs {Epochs} --steps-per-epoch {StepsPerEpoch} are not allowed; expected integers >= 1");
        if (Seeds < 1) throw new InputException($"--seeds {Seeds} is not allowed; expected an integer >= 1");
        if (!(CorrectionScale >= 0 && CorrectionScale <= 2)) throw new InputException($"--correction-scale {Fmt.D(CorrectionScale)} is not allowed; expected a factor in [0, 2] (1 = the correction as trained)");
        if (Window < 1) throw new InputException($"--window {Window} is not allowed; expected an integer >= 1 (hours)");
        if (!(NeighbourDropout >= 0 && NeighbourDropout < 1)) throw new InputException($"--neighbour-dropout {Fmt.D(NeighbourDropout)} is not allowed; expected a probability in [0, 1)");
        if (AheadHours.Any(h => h < 1)) throw new InputException($"ahead hours {string.Join(",", AheadHours)} are not allowed; expected integers >= 1");
        if (!(TestFraction > 0 && TestFraction < 1)) throw new InputException($"test fraction {Fmt.D(TestFraction)} is not allowed; expected a number in (0, 1)");
        if (!(ValidationFraction > 0 && ValidationFraction + TestFraction < 1))
            throw new InputException($"validation fraction {Fmt.D(ValidationFraction)} is not allowed; expected a number > 0 with validation + test < 1");
    }
}
