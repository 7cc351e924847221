using System.Globalization;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>The per-row rules of a long table beyond station, time, variable and value, used by the presets of public
/// downloads: variable names mapped to AqNet's (pm25 → PM2.5, EEA code 6001 → PM2.5), rows of other variables or
/// other aggregations skipped and counted, a unit given on each row, a validity code, coordinates given on each row.
/// Column indices are -1 when the option is not set.</summary>
internal sealed class LongRowRules(LongFormatOptions o, string file, string[] header, Func<string?, string, int> column, LongRowTally tally)
{
    private readonly int _unit = column(o.UnitColumn, "the preset's unit column"), _validity = column(o.ValidityColumn, "the preset's validity column"),
        _filter = column(o.KeepOnly?.Column, "the preset's aggregation column"),
        _lon = column(o.LongitudeColumn, "the preset's longitude column"), _lat = column(o.LatitudeColumn, "the preset's latitude column");
    private readonly Dictionary<(string Unit, string Variable), double> _factors = [];
    private string? _lastStation;

    private Dictionary<string, long> SkippedVariables => tally.SkippedVariables;
    private Dictionary<string, long> SkippedAggregations => tally.SkippedAggregations;
    private Dictionary<string, (double? Lon, double? Lat)> Coordinates => tally.Coordinates;

    /// <summary>The AqNet variable of a variable cell: its alias, or itself.</summary>
    public string Variable(string cell) => o.VariableNames.TryGetValue(cell, out var v) ? v : cell;

    /// <summary>False when the row is of another aggregation than the one kept (counted).</summary>
    public bool Keep(CsvFields f, ReadOnlySpan<byte> line)
    {
        if (_filter < 0) return true;
        var text = f.Text(line, _filter).Trim();
        if (text.Equals(o.KeepOnly!.Value, StringComparison.OrdinalIgnoreCase)) return true;
        SkippedAggregations[text] = SkippedAggregations.GetValueOrDefault(text) + 1;
        return false;
    }

    /// <summary>Counts a row skipped for its variable; false when such rows are refused instead.</summary>
    public bool SkipVariable(string variable)
    {
        if (!o.SkipOtherVariables) return false;
        SkippedVariables[variable] = SkippedVariables.GetValueOrDefault(variable) + 1;
        return true;
    }

    /// <summary>The factor to µg/m³: from the row's unit cell when there is a unit column, else <paramref name="fixedFactor"/>.</summary>
    public double Factor(CsvFields f, ReadOnlySpan<byte> line, string variable, double fixedFactor, int lineNumber)
    {
        if (_unit < 0) return fixedFactor;
        var unit = f.Text(line, _unit).Trim();
        if (_factors.TryGetValue((unit, variable), out var k)) return k;
        var where = $"{file}, line {lineNumber}, column {_unit + 1} ({header[_unit]})";
        ConcentrationUnit u;
        try { u = ConcentrationUnits.Parse(unit); }
        catch (InputException ex) { throw new InputException($"{where}: unit '{(unit.Length > 30 ? unit[..30] + "…" : unit)}' is not understood; expected ppb, ppm, µg/m³ (ug/m3, ug.m-3) or mg/m³ (mg/m3, mg.m-3)", ex); }
        try { k = ConcentrationUnits.Factor(variable, u); }
        catch (InputException ex) { throw new InputException($"{where}: {variable} in {unit}: a mixing ratio converts only gases with a molar mass (SO2, NO2, CO, O3); expected µg/m³ or mg/m³ for {variable}", ex); }
        _factors[(unit, variable)] = k;
        return k;
    }

    /// <summary>False when the row's validity code marks the value not valid (it is then stored as missing, counted).</summary>
    public bool Valid(CsvFields f, ReadOnlySpan<byte> line)
    {
        if (_validity < 0 || o.ValidCodes.Contains(f.Text(line, _validity).Trim())) return true;
        tally.Invalid++;
        return false;
    }

    /// <summary>Records a station's coordinates from its rows (the first row that has them; a later different pair is noted).</summary>
    public void Coordinate(CsvFields f, ReadOnlySpan<byte> line, string station, int lineNumber)
    {
        if (_lon < 0 || _lat < 0 || ReferenceEquals(station, _lastStation)) return;
        _lastStation = station;
        double? x = Number(f, line, _lon, lineNumber), y = Number(f, line, _lat, lineNumber);
        Station.ValidateCoordinates(station, x, y, $"{file}, line {lineNumber}");
        if (!Coordinates.TryGetValue(station, out var prev) || prev.Lon is null || prev.Lat is null) Coordinates[station] = (x, y);
        else if (x is not null && y is not null && (prev.Lon != x || prev.Lat != y)) tally.MovedStations.Add(station);
    }

    private double? Number(CsvFields f, ReadOnlySpan<byte> line, int col, int lineNumber)
    {
        var s = f.Text(line, col).Trim();
        if (s.Length == 0) return null;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new InputException($"{file}, line {lineNumber}, column {col + 1} ({header[col]}): '{(s.Length > 40 ? s[..40] + "…" : s)}' is not a number; expected decimal degrees or an empty cell");
    }
}

/// <summary>What <see cref="LongRowRules"/> skipped or read over all files of an ingest, and the notes that say so.</summary>
internal sealed class LongRowTally
{
    public Dictionary<string, long> SkippedVariables { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, long> SkippedAggregations { get; } = new(StringComparer.Ordinal);
    public long Invalid { get; set; }
    public Dictionary<string, (double? Lon, double? Lat)> Coordinates { get; } = new(StringComparer.Ordinal);
    public HashSet<string> MovedStations { get; } = new(StringComparer.Ordinal);

    public void AddNotes(List<string> notes, LongFormatOptions o)
    {
        if (SkippedVariables.Count > 0)
            notes.Add($"{SkippedVariables.Values.Sum():N0} rows of variables AqNet does not store were skipped: {Counts(SkippedVariables)}");
        if (SkippedAggregations.Count > 0)
            notes.Add($"{SkippedAggregations.Values.Sum():N0} rows not of the aggregation '{o.KeepOnly!.Value}' ({o.KeepOnly.Column}) were skipped: {Counts(SkippedAggregations)}");
        if (Invalid > 0)
            notes.Add($"{Invalid:N0} values marked not valid ({o.ValidityColumn} not one of {string.Join(", ", o.ValidCodes.Order(StringComparer.Ordinal))}) were stored as missing");
        if (MovedStations.Count > 0)
            notes.Add($"{MovedStations.Count} stations have rows with different coordinates; the first were used: {string.Join(", ", MovedStations.Order(StringComparer.Ordinal).Take(20))}");
    }

    private static string Counts(Dictionary<string, long> d) =>
        string.Join(", ", d.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(10).Select(kv => $"'{(kv.Key.Length > 30 ? kv.Key[..30] + "…" : kv.Key)}' {kv.Value:N0}"))
        + (d.Count > 10 ? $" and {d.Count - 10} more" : "");
}
