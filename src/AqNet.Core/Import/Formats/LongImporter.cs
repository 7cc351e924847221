using System.Runtime.CompilerServices;
using System.Text;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>A long table (optionally .gz): one row per station, [instrument,] time[, variable] and value, columns
/// found by the names in <see cref="LongFormatOptions"/>. Values are taken as published: negatives stay (QC flags
/// them); other columns (e.g. EPA qualifier codes) are ignored. Several instruments at one station are
/// reconciled by <see cref="InstrumentReconciler"/>.</summary>
internal static class LongImporter
{
    public static ImportBatch Read(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var o = options.Long ?? throw new InputException("the long format needs a column mapping (station, time, value, variable columns; e.g. the epa preset)");
        var valueColumns = o.ValueColumn.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (valueColumns.Length > 1)
        {
            // Several value columns: each column is named after the variable it holds (a wide row per station and hour).
            if (o.Variable is not null || o.VariableColumn is not null)
                throw new InputException($"--value-column {o.ValueColumn}: several value columns name their variables themselves; expected no --variable or --variable-column with them");
            if (valueColumns.FirstOrDefault(c => !Variables.IsKnown(c)) is { } bad)
                throw new InputException($"--value-column {o.ValueColumn}: '{bad}' is not a variable; with several value columns each must be named after one of {string.Join(", ", Variables.All)}");
        }
        else if ((o.Variable is null) == (o.VariableColumn is null))
            throw new InputException("the long format needs exactly one of a variable name (e.g. PM2.5) or a variable column");
        if (o.Variable is not null && !Variables.IsKnown(o.Variable))
            throw new InputException($"unknown variable '{o.Variable}'; expected one of {string.Join(", ", Variables.All)}");
        var offset = LongTimeParser.ParseZone(o.TimeZone);
        var entries = InputResolver.Resolve(paths, n => (n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)) && !ImportContext.IsStationList(n), "long-table CSV");
        var batch = new ImportBatch("long", o.TimeZoneColumn is { } zc ? $"per row (column {zc})" : offset.Label);
        var (sites, stationsPath) = LongSites.Read(options, entries, batch.Notes);
        var ctx = new ImportContext(batch, entries.Count, progress);
        var raw = new InstrumentReconciler();
        // Rows write straight into per-instrument series, so files are read one after another (no merge step).
        var zones = new StationZones(batch);
        var emptyRows = new StrongBox<long>();
        var tally = new LongRowTally();
        FileRunner.Run(entries, 1, (e, opener) => new StrongBox<long>(ParseFile(e, opener, o, offset, raw, ctx, zones, emptyRows, tally)),
            (e, rows) => ctx.FileDone(e, rows.Value), ct);
        if (emptyRows.Value > 0) batch.Notes.Add($"{emptyRows.Value:N0} rows with every cell empty were skipped");
        tally.AddNotes(batch.Notes, o);
        raw.WriteInto(batch, o.InstrumentColumn ?? "instrument");
        batch.NoteRepeats(raw.IdenticalRepeats);
        // a station list wins; coordinates given on the rows (OpenAQ) place the stations it lacks or leaves blank
        ctx.AddStations(raw.Stations, id => sites.GetValueOrDefault(id) is { HasCoordinates: true } s ? s
            : tally.Coordinates.TryGetValue(id, out var c) ? (sites.GetValueOrDefault(id) ?? new Station(id, id, null, null)) with { Longitude = c.Lon, Latitude = c.Lat }
            : sites.GetValueOrDefault(id),
            stationsPath ?? (o.LongitudeColumn is not null ? "the rows' coordinates (no sites file given or found beside the input)" : "a sites file (none given or found beside the input)"));
        return batch;
    }

    private static long ParseFile(InputEntry e, EntryOpener opener, LongFormatOptions o, LongZone offset, InstrumentReconciler raw, ImportContext ctx, StationZones zones, StrongBox<long> emptyRows, LongRowTally tally)
    {
        using var stream = opener.Open(e);
        var reader = new ByteLineReader(stream);
        var fields = new CsvFields();
        var header = ImportContext.ReadHeader(e.Display, reader, fields, o.Delimiter, $"a header with columns {o.StationColumn}, {o.TimeColumn}, {o.ValueColumn}");
        int Col(string? name, string option)
        {
            if (name is null) return -1;
            var i = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new InputException($"{e.Display}, line 1: no column '{name}' ({option}); the header has {ImportContext.Columns(header, o.Delimiter)}; " +
                (option.StartsWith("the preset", StringComparison.Ordinal) ? "expected the preset's columns (the right --preset?)" : $"give the right name with {option}"));
            var j = Array.FindLastIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (j != i) throw new InputException($"{e.Display}, line 1: columns {i + 1} and {j + 1} are both named '{name}' ({option}); expected it once, or name the one to read");
            return i;
        }
        var valueColumns = o.ValueColumn.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var cvs = valueColumns.Select(c => Col(c, "--value-column")).ToArray();
        var multi = cvs.Length > 1 ? new SeriesBuilder[cvs.Length] : null;
        var factors = new double[cvs.Length];
        if (multi is not null) for (var j = 0; j < cvs.Length; j++) factors[j] = o.UnitFactor(valueColumns[j]);
        int cs = Col(o.StationColumn, "--station-column"), ctime = Col(o.TimeColumn, "--time-column"),
            cvar = Col(o.VariableColumn, "--variable-column"), ci = Col(o.InstrumentColumn, "--instrument-column"), cz = Col(o.TimeZoneColumn, "--time-zone-column");
        var rules = new LongRowRules(o, e.Display, header, Col, tally);
        var missing = o.MissingTokens.Select(Encoding.UTF8.GetBytes).ToArray();
        var time = new LongTimeParser(o.TimeFormat, offset);
        var keys = new CellCache[4];
        for (var k = 0; k < keys.Length; k++) keys[k] = new CellCache();
        SeriesBuilder? series = null;
        string? sKey = null, iKey = null, vKey = o.Variable;
        long rows = 0;
        while (ImportContext.NextRow(e.Display, reader, fields, o.Delimiter, header, emptyRows, out var line))
        {
            var n = reader.LineNumber;
            if (!rules.Keep(fields, line)) continue;
            var st = keys[0].Get(fields, line, cs);
            var ins = ci >= 0 ? keys[1].Get(fields, line, ci) : "";
            var vr = cvar >= 0 ? rules.Variable(keys[2].Get(fields, line, cvar)) : o.Variable!;
            if (multi is null && !ReferenceEquals(vr, vKey) && !Variables.IsKnown(vr) && rules.SkipVariable(vr)) continue;
            if (st.Length == 0) throw new InputException($"{e.Display}, line {n}, column {cs + 1} ({header[cs]}): empty; expected a station id");
            if (multi is not null && (!ReferenceEquals(st, sKey) || !ReferenceEquals(ins, iKey) || series is null))
            {
                for (var j = 0; j < multi.Length; j++) multi[j] = raw.Get(st, valueColumns[j], ins);
                (sKey, iKey, series) = (st, ins, multi[0]);
            }
            else if (multi is null && (!ReferenceEquals(st, sKey) || !ReferenceEquals(ins, iKey) || !ReferenceEquals(vr, vKey) || series is null))
            {
                if (!Variables.IsKnown(vr)) throw new InputException($"{e.Display}, line {n}, column {cvar + 1} ({header[Math.Max(cvar, 0)]}): unknown variable '{vr}'; expected one of {string.Join(", ", Variables.All)}");
                series = raw.Get(st, vr, ins);
                factors[0] = o.UnitFactor(vr);
                (sKey, iKey, vKey) = (st, ins, vr);
            }
            if (cz >= 0) time = zones.Parser(keys[3].Get(fields, line, cz), st, o.TimeFormat, $"{e.Display}, line {n}, column {cz + 1} ({header[cz]})");
            rules.Coordinate(fields, line, st, n);
            var factor = multi is null ? rules.Factor(fields, line, vr, factors[0], n) : 1;
            var valid = rules.Valid(fields, line);
            var hour = time.Parse(fields[line, ctime], out var problem)
                ?? throw new InputException($"{e.Display}, line {n}, column {ctime + 1} ({header[ctime]}): '{FastNumber.Show(fields[line, ctime])}' is {problem}");
            for (var j = 0; j < cvs.Length; j++)
            {
                var cv = cvs[j];
                var target = multi is null ? series! : multi[j];
                var cell = fields[line, cv];
                float x;
                if (!valid || IsMissing(cell, missing)) x = float.NaN;
                else if (FastNumber.TryParse(cell, out var d)) x = ImportContext.ToFloat(d * (multi is null ? factor : factors[j]), cell, $"{e.Display}, line {n}, column {cv + 1} ({header[cv]})");
                else throw new InputException($"{e.Display}, line {n}, column {cv + 1} ({header[cv]}): '{FastNumber.Show(cell)}' is not a number; expected a decimal number or one of the missing tokens ({string.Join(", ", o.MissingTokens.Select(t => $"'{t}'"))})");
                if (!target.TrySet(hour, x)) target.Set(hour, x, $"{e.Display}, line {n}{(ci >= 0 ? $" ({header[ci]} {ins})" : "")}");
            }
            if (++rows % 250_000 == 0) ctx.Rows(rows, e);
        }
        return rows;
    }

    /// <summary>Row-by-row time zones: one time parser per zone text, and each station's zone for the store (a station
    /// seen in several zones is reported in a note; its times are still converted row by row). Rows repeat the same
    /// station and zone strings (<see cref="CellCache"/>), so the per-row work is two reference comparisons.</summary>
    private sealed class StationZones(ImportBatch batch)
    {
        private readonly Dictionary<string, (LongTimeParser Parser, string Label)> _zones = new(StringComparer.Ordinal);
        private readonly HashSet<string> _mixed = new(StringComparer.Ordinal);
        private string? _lastZone, _lastStation;
        private LongTimeParser? _last;

        public LongTimeParser Parser(string zone, string station, string format, string where)
        {
            if (_last is not null && ReferenceEquals(zone, _lastZone) && ReferenceEquals(station, _lastStation)) return _last;
            if (!_zones.TryGetValue(zone, out var z))
            {
                LongZone off;
                try { off = LongTimeParser.ParseZone(zone); }
                catch (InputException ex) { throw new InputException($"{where}: {ex.Message}", ex); }
                _zones[zone] = z = (new LongTimeParser(format, off), off.Label);
            }
            if (!batch.StationTimeZones.TryAdd(station, z.Label) && batch.StationTimeZones[station] != z.Label && _mixed.Add(station))
                batch.Notes.Add($"station {station} has rows in more than one time zone ({batch.StationTimeZones[station]}, {z.Label}); each row's time was converted with its own zone");
            (_lastZone, _lastStation, _last) = (zone, station, z.Parser);
            return z.Parser;
        }
    }

    internal static bool AllEmpty(CsvFields fields, ReadOnlySpan<byte> line)
    {
        for (var k = 0; k < fields.Count; k++)
            if (!fields[line, k].Trim((byte)' ').IsEmpty) return false;
        return true;
    }

    internal static bool IsMissing(ReadOnlySpan<byte> cell, byte[][] tokens)
    {
        foreach (var t in tokens)
            if (cell.SequenceEqual(t)) return true;
        return false;
    }

    /// <summary>Returns the same string instance while a column repeats the same bytes (sorted files), so
    /// per-row strings are only made when the key changes.</summary>
    private sealed class CellCache
    {
        private byte[] _bytes = [];
        private string _text = "";
        private bool _set;

        public string Get(CsvFields f, ReadOnlySpan<byte> line, int col)
        {
            var cell = f[line, col];
            if (_set && cell.SequenceEqual(_bytes)) return _text;
            _bytes = cell.ToArray();
            _text = f.Text(line, col).Trim();
            _set = true;
            return _text;
        }
    }
}
