namespace AqNet.Core.Import;

/// <summary>Options for <see cref="Importers.Read"/>.</summary>
public sealed record ImportOptions
{
    /// <summary>Station lists with coordinates, merged in this order (<see cref="StationLists"/>: the first list that
    /// has a station gives its entry, blank coordinates are filled from the others). Empty: look beside the inputs
    /// (prsa: stations.csv; cnemc: NewSiteList.csv and station_info.csv, both merged; bjmemc: stations.csv; long and
    /// wide: sites.csv or stations.csv). A path given but absent is an error.</summary>
    public IReadOnlyList<string> StationsFiles { get; init; } = [];

    /// <summary>One station list (the single-file form of <see cref="StationsFiles"/>).</summary>
    public string? StationsFile
    {
        get => StationsFiles.Count > 0 ? StationsFiles[0] : null;
        init => StationsFiles = value is null ? [] : [value];
    }

    /// <summary>Column names of the station lists, over the format's own names (keys not given keep those).</summary>
    public StationColumns? StationColumns { get; init; }

    /// <summary>Column mapping for the <c>long</c> format (required there, ignored by the others).</summary>
    public LongFormatOptions? Long { get; init; }

    /// <summary>Files parsed at once (each on its own thread; merging happens on the caller's thread).</summary>
    public int MaxParallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>The <c>--preset epa</c> equivalent: US EPA AQS long file with its sites.csv.</summary>
    public static ImportOptions Epa(string? sitesFile = null) => new() { StationsFile = sitesFile, Long = LongFormatOptions.Epa };
}
