using AqNet.Core.Import;

namespace AqNet.Core.Data;

/// <summary>Lays an import batch out as a dense <see cref="Panel"/> without a store: every series of the requested
/// variables on the union of their hour ranges, values, masks and QC flags copied as they are.</summary>
public static class PanelBuilder
{
    /// <summary>Stations in ordinal id order; only stations with at least one requested series are kept.</summary>
    public static Panel FromBatch(ImportBatch batch, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (variables.Count == 0) throw new InputException("no variables requested for the panel");
        var series = batch.Series.Where(kv => variables.Contains(kv.Key.Variable) && !kv.Value.IsEmpty).ToArray();
        if (series.Length == 0)
            throw new InputException($"the {batch.Source} batch has no data for {string.Join(", ", variables)}");
        var first = series.Min(kv => kv.Value.FirstHour);
        var last = series.Max(kv => kv.Value.LastHour);
        var ids = series.Select(kv => kv.Key.Station).Distinct().Order(StringComparer.Ordinal).ToArray();
        var stations = ids.Select(id => batch.HasStation(id) ? batch.GetStation(id) : new Station(id, id, null, null)).ToArray();
        var panel = new Panel(HourAxis.ToUtc(first), last - first + 1, stations, variables)
        {
            UtcOffsetHours = Preprocessing.CyclicEncoding.NetworkOffset(ids.Select(batch.TimeZoneOf)),
        };
        var sIndex = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        foreach (var (key, sb) in series)
        {
            var s = sIndex[key.Station];
            var v = panel.VariableIndex(key.Variable);
            var (values, mask) = sb.Dense();
            var flags = sb.DenseFlags();
            for (var k = 0; k < values.Length; k++)
            {
                var i = panel.Index(sb.FirstHour - first + k, s, v);
                panel.Values[i] = mask[k] ? values[k] : float.NaN;
                panel.Mask[i] = mask[k];
                panel.Flags[i] = flags[k];
            }
        }
        return panel;
    }
}
