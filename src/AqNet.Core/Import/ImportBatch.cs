using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Everything one ingest read, held in memory before anything touches the store (so a bad file
/// fails the whole ingest before the store is opened). Series are keyed by (station id, variable); each grows
/// to cover whatever hours the files had. Setting the same cell twice is a "duplicated timestamp" error.</summary>
public sealed class ImportBatch(string source, string sourceTimeZone)
{
    private readonly Dictionary<(string Station, string Variable), SeriesBuilder> _series = new();
    private readonly Dictionary<string, Station> _stations = new(StringComparer.Ordinal);

    /// <summary>Importer name: prsa, cnemc, bjmemc, long.</summary>
    public string Source { get; } = source;

    /// <summary>The source's time zone as published, e.g. "UTC+08:00 (Beijing)" or "UTC".</summary>
    public string SourceTimeZone { get; } = sourceTimeZone;

    /// <summary>Files read, for the summary and the store's ingest log.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Things a user should know that are not errors (e.g. a station column with no coordinates,
    /// several instruments reconciled at one site).</summary>
    public List<string> Notes { get; } = [];

    public IReadOnlyCollection<Station> Stations => _stations.Values;

    /// <summary>Per-station time zones where a source gives them row by row (long tables with a time-zone column);
    /// stations not listed have <see cref="SourceTimeZone"/>.</summary>
    public Dictionary<string, string> StationTimeZones { get; } = new(StringComparer.Ordinal);

    /// <summary>The published time zone of a station's times.</summary>
    public string TimeZoneOf(string stationId) => StationTimeZones.GetValueOrDefault(stationId) ?? SourceTimeZone;

    public IEnumerable<KeyValuePair<(string Station, string Variable), SeriesBuilder>> Series => _series;

    public void AddStation(Station station) => _stations[station.Id] = station;

    public bool HasStation(string id) => _stations.ContainsKey(id);

    public Station GetStation(string id) => _stations[id];

    /// <summary>Notes how many values were given twice with the same value (read once).</summary>
    public void NoteRepeats(long repeats)
    {
        if (repeats > 0) Notes.Add($"{repeats:N0} values were given twice with the same value (repeated rows or station columns) and read once");
    }

    /// <summary>Hours a new series allocates at its first value (see <see cref="SeriesBuilder"/>); 0 = grow from 64.</summary>
    public int SeriesCapacityHours { get; set; }

    /// <summary>The series for a station and variable, created on first use.</summary>
    public SeriesBuilder GetOrAddSeries(string stationId, string variable)
    {
        if (!_series.TryGetValue((stationId, variable), out var s))
        {
            s = new SeriesBuilder(stationId, variable, SeriesCapacityHours);
            _series[(stationId, variable)] = s;
        }
        return s;
    }

    public bool TryGetSeries(string stationId, string variable, out SeriesBuilder series) =>
        _series.TryGetValue((stationId, variable), out series!);
}
