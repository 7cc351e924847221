using AqNet.Core.Data;
using AqNet.Core.Preprocessing;

namespace AqNet.Core.Experiments;

/// <summary>Everything a temporal experiment needs besides the panel and the models.</summary>
public sealed record TemporalExperimentOptions
{
    /// <summary>"table1" or "table2".</summary>
    public required string Protocol { get; init; }
    /// <summary>Folder for results.json, report.md and figures/ (created).</summary>
    public required string OutputDir { get; init; }
    public IReadOnlyList<int> Seeds { get; init; } = [0];
    /// <summary>Passed to the forecasters through WindowContext.Quick (fewer epochs etc.); baselines ignore it.</summary>
    public bool Quick { get; init; }
    public double TrainFraction { get; init; } = 0.7;
    public double ValidationFraction { get; init; } = 0.1;
    public double TestFraction { get; init; } = 0.2;
    public bool IncludeTargetHistory { get; init; } = true;
    /// <summary>The command as typed, recorded in results.json; null = a library call.</summary>
    public string? CommandLine { get; init; }
    public bool IncludeMeteorology { get; init; }
    /// <summary>0 = default stride (1 h hourly, 24 h daily).</summary>
    public int Stride { get; init; }
    public double MinObservedInputFraction { get; init; } = 0.5;
    public int MinHoursPerDay { get; init; } = 18;
    /// <summary>Write figures/fig3_*.png (ScottPlot); false skips the plotting (e.g. in tests of the numbers).</summary>
    public bool WriteFigures { get; init; } = true;
    /// <summary>Station id for Fig. 3, or null for the panel's first station.</summary>
    public string? FigureStation { get; init; }
    /// <summary>Called after each model is fitted and has predicted the test windows (e.g. to add figures).</summary>
    public Action<FittedModel>? OnModelFitted { get; init; }

    public void Validate()
    {
        if (Seeds.Count == 0) throw new InputException("at least one seed is needed");
        if (Seeds.Distinct().Count() != Seeds.Count) throw new InputException($"seeds must be distinct; got {string.Join(", ", Seeds)}");
        if (string.IsNullOrWhiteSpace(OutputDir)) throw new InputException("an output folder is needed");
        Experiments.Protocol.Get(Protocol);
    }
}
