using AqNet.Core.Data;
using AqNet.Core.Datasets;
using AqNet.Core.Import;
using AqNet.Core.Store;
using AqNet.Torch.Jobs.Ingest;

namespace AqNet;

/// <summary>The first step of the library pipeline (observations → panel → model → estimates → files): a store of
/// hourly station records. It holds only the store's path; every call opens the store, reads, and closes it.</summary>
/// <example><code>
/// var data = Observations.Ingest("prsa", [zip], "beijing.duckdb");
/// var panel = data.Panel([Variables.Pm25]);   // [time, station, variable] with masks, in the network's local time
/// </code></example>
public sealed class Observations
{
    private Observations(string storePath) => StorePath = storePath;

    /// <summary>The DuckDB store file.</summary>
    public string StorePath { get; }

    /// <summary>Reads station records into the store (created if absent; an input already there is replaced, so
    /// ingesting twice gives the same store). A bad input throws <see cref="InputException"/> and leaves the store as it was.</summary>
    /// <param name="format">prsa, cnemc, bjmemc, aqi36 or long (see <c>aqnet ingest --help</c>).</param>
    /// <param name="inputs">files, zips or folders of that format.</param>
    /// <param name="storePath">the store file to write.</param>
    /// <param name="options">format options (station file, long-table columns, units); null = the defaults.</param>
    public static Observations Ingest(string format, IReadOnlyList<string> inputs, string storePath, ImportOptions? options = null,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        IngestJob.Run(format, inputs, options ?? new ImportOptions(), storePath, progress, ct);
        return new Observations(storePath);
    }

    /// <summary>An existing store; throws <see cref="InputException"/> when the file is missing.</summary>
    public static Observations Open(string storePath) => File.Exists(storePath)
        ? new Observations(storePath)
        : throw new InputException($"store '{storePath}' does not exist; make it with Observations.Ingest or `aqnet ingest`");

    /// <summary>The UCI Beijing multi-site data (12 stations, 2013-2017): found through $AQNET_DATA, a shared/data
    /// folder, or the cache, else downloaded from UCI into the cache. Returns the zip to ingest with format "prsa".</summary>
    public static string BeijingSample(IProgress<string>? progress = null, CancellationToken ct = default) =>
        BeijingDataset.Locate() ?? BeijingDataset.Download(null, BeijingDataset.DefaultUrl, null, false, progress, ct);

    /// <summary>Every station with its coordinates, source, time zone and span of hours.</summary>
    public IReadOnlyList<StoredStation> Stations()
    {
        using var store = AqStore.OpenRead(StorePath);
        return StoreReader.Stations(store);
    }

    /// <summary>A dense block [time, station, variable] of the stations with data (or <paramref name="stationIds"/>),
    /// values in µg/m³ for pollutants, with masks and QC flags; <see cref="Panel.UtcOffsetHours"/> is the network's.</summary>
    /// <param name="variables">null = the six pollutants.</param>
    /// <param name="fromUtc">first hour, or null for the first with data.</param>
    /// <param name="toUtc">last hour (inclusive), or null for the last with data.</param>
    public Panel Panel(IReadOnlyList<string>? variables = null, DateTime? fromUtc = null, DateTime? toUtc = null, IReadOnlyList<string>? stationIds = null)
    {
        using var store = AqStore.OpenRead(StorePath);
        return PanelLoader.Load(store, stationIds, variables ?? Variables.Pollutants, fromUtc, toUtc);
    }
}
