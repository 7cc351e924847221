namespace AqNet.Core.Import;

/// <summary>Options for <see cref="Importers.Read"/>.</summary>
public sealed record ImportOptions
{
    /// <summary>Station list with coordinates. Null: look beside the inputs (prsa: stations.csv; cnemc:
    /// NewSiteList.csv then station_info.csv; bjmemc: stations.csv; long: sites.csv). A path given but absent is an error.</summary>
    public string? StationsFile { get; init; }

    /// <summary>Column mapping for the <c>long</c> format (required there, ignored by the others).</summary>
    public LongFormatOptions? Long { get; init; }

    /// <summary>Files parsed at once (each on its own thread; merging happens on the caller's thread).</summary>
    public int MaxParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The <c>--preset epa</c> equivalent: US EPA AQS long file with its sites.csv.</summary>
    public static ImportOptions Epa(string? sitesFile = null) => new() { StationsFile = sitesFile, Long = LongFormatOptions.Epa };
}
