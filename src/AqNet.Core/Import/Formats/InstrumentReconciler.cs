using AqNet.Core.Data;
using AqNet.Core.Quality;

namespace AqNet.Core.Import;

/// <summary>Holds a long table's values per (station, variable, instrument) and reconciles instruments.
/// Rule: instruments are ordered by number (ordinal text order when not all are integers); at each hour the value
/// is the first instrument's in that order that has an observation, so the lowest-numbered instrument is the
/// primary and the others only fill its gaps. Such filled hours carry <see cref="QcFlags.Reconciled"/> and are
/// counted in the batch notes. An hour with no observation but an explicit blank somewhere stays an explicit blank.</summary>
internal sealed class InstrumentReconciler
{
    private readonly Dictionary<(string Station, string Variable), SortedDictionary<string, SeriesBuilder>> _raw = new();

    public IEnumerable<string> Stations => _raw.Keys.Select(k => k.Station).Distinct();

    /// <summary>Values given twice with the same value in the table (see <see cref="SeriesBuilder.IdenticalRepeats"/>).</summary>
    public long IdenticalRepeats => _raw.Values.Sum(d => d.Values.Sum(s => s.IdenticalRepeats));

    public SeriesBuilder Get(string station, string variable, string instrument)
    {
        if (!_raw.TryGetValue((station, variable), out var byInstrument))
            _raw[(station, variable)] = byInstrument = new SortedDictionary<string, SeriesBuilder>(StringComparer.Ordinal);
        if (!byInstrument.TryGetValue(instrument, out var s))
            byInstrument[instrument] = s = new SeriesBuilder(station, variable);
        return s;
    }

    public void WriteInto(ImportBatch batch, string instrumentName)
    {
        int multiSites = 0, filled = 0;
        foreach (var ((station, variable), byInstrument) in _raw.OrderBy(k => k.Key.Station, StringComparer.Ordinal).ThenBy(k => k.Key.Variable, StringComparer.Ordinal))
        {
            var ordered = Order(byInstrument);
            var target = batch.GetOrAddSeries(station, variable);
            if (ordered.Length > 1) multiSites++;
            var lo = ordered.Where(s => !s.IsEmpty).Select(s => s.FirstHour).DefaultIfEmpty(0).Min();
            var hi = ordered.Where(s => !s.IsEmpty).Select(s => s.LastHour).DefaultIfEmpty(-1).Max();
            var reconciled = new List<int>();
            for (var h = lo; h <= hi; h++)
            {
                var chosen = -1;
                var blank = false;
                for (var i = 0; i < ordered.Length && chosen < 0; i++)
                {
                    if (ordered[i].IsObserved(h)) chosen = i;
                    else if (ordered[i].StateAt(h) == SeriesBuilder.SetEmpty) blank = true;
                }
                if (chosen >= 0) target.Set(h, ordered[chosen].Get(h), station);
                else if (blank) target.Set(h, float.NaN, station);
                if (chosen > 0) reconciled.Add(h);
            }
            if (reconciled.Count == 0) continue;
            var flags = target.DenseFlags();
            foreach (var h in reconciled) flags[h - target.FirstHour] |= (byte)QcFlags.Reconciled;
            filled += reconciled.Count;
        }
        if (multiSites > 0)
            batch.Notes.Add($"{multiSites} station/variable series had several instruments ({instrumentName}); rule: the lowest-numbered instrument with a value at that hour; {filled} station-hours were filled from a non-primary instrument (flagged Reconciled)");
    }

    private static SeriesBuilder[] Order(SortedDictionary<string, SeriesBuilder> byInstrument)
    {
        var numeric = byInstrument.Keys.All(k => long.TryParse(k, System.Globalization.NumberStyles.Integer, Fmt.Inv, out _));
        return numeric
            ? [.. byInstrument.OrderBy(k => long.Parse(k.Key, Fmt.Inv)).Select(k => k.Value)]
            : [.. byInstrument.Values];
    }
}
