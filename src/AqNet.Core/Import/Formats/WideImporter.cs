using System.Runtime.CompilerServices;
using System.Text;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>A wide table (optionally .gz): a time column and one column per station, every value of one variable
/// (AQI-36's pm25_ground.txt, a spreadsheet of a city's stations). The time column, its format and zone, the variable
/// and its unit come from <see cref="LongFormatOptions"/> (<c>--time-column --time-format --time-zone --variable
/// --unit</c>); the station ids are the header's other column names, their coordinates from the station lists
/// (<c>--stations</c>, <c>--station-columns</c>). Rows with every cell empty are skipped; a station column given twice
/// is read once when its values agree and refused where they differ.</summary>
internal static class WideImporter
{
    public static ImportBatch Read(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var o = options.Long ?? new LongFormatOptions();
        if (o.Variable is null)
            throw new InputException("the wide format needs --variable, the variable of every station column (e.g. --variable PM2.5)");
        if (!Variables.IsKnown(o.Variable))
            throw new InputException($"--variable '{o.Variable}' is not a variable; expected one of {string.Join(", ", Variables.All)}");
        var zone = LongTimeParser.ParseZone(o.TimeZone);
        var entries = InputResolver.Resolve(paths, n => (n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)) && !ImportContext.IsStationList(n), "wide-table CSV");
        var batch = new ImportBatch("wide", zone.Label);
        var (sites, label) = LongSites.Read(options, entries, batch.Notes);
        var ctx = new ImportContext(batch, entries.Count, progress);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var emptyRows = new StrongBox<long>();
        // Rows write straight into the batch's series, so files are read one after another (no merge step).
        FileRunner.Run(entries, 1, (e, opener) => new StrongBox<long>(ParseFile(e, opener, o, zone, batch, seen, emptyRows, ctx)),
            (e, rows) => ctx.FileDone(e, rows.Value), ct);
        if (emptyRows.Value > 0) batch.Notes.Add($"{emptyRows.Value:N0} rows with every cell empty were skipped");
        ctx.AddStations(seen, id => sites.GetValueOrDefault(id), label ?? "a station list (none given or found beside the input)");
        return batch;
    }

    private static long ParseFile(InputEntry e, EntryOpener opener, LongFormatOptions o, LongZone zone, ImportBatch batch,
        HashSet<string> seen, StrongBox<long> emptyRows, ImportContext ctx)
    {
        using var stream = opener.Open(e);
        var reader = new ByteLineReader(stream);
        var fields = new CsvFields();
        var header = ImportContext.ReadHeader(e.Display, reader, fields, o.Delimiter, $"a header {o.TimeColumn},<station id>,<station id>,...");
        var ct = Array.FindIndex(header, h => h.Equals(o.TimeColumn, StringComparison.OrdinalIgnoreCase));
        if (ct < 0) throw new InputException($"{e.Display}, line 1: no column '{o.TimeColumn}' (--time-column); the header has {ImportContext.Columns(header, o.Delimiter)}; give the time column's name with --time-column");
        if (Array.FindLastIndex(header, h => h.Equals(o.TimeColumn, StringComparison.OrdinalIgnoreCase)) != ct)
            throw new InputException($"{e.Display}, line 1: two columns are named '{o.TimeColumn}' (--time-column); expected one time column");
        if (header.Length < 2) throw new InputException($"{e.Display}, line 1: only the time column '{header[ct]}'; expected a time column and one column per station");
        var empty = Array.FindIndex(header, h => h.Length == 0);
        if (empty >= 0) throw new InputException($"{e.Display}, line 1, column {empty + 1}: no name; expected a station id as each column's name");
        var series = new SeriesBuilder?[header.Length];
        var factor = o.UnitFactor(o.Variable!);
        var missing = o.MissingTokens.Select(Encoding.UTF8.GetBytes).ToArray();
        var time = new LongTimeParser(o.TimeFormat, zone);
        long rows = 0;
        while (ImportContext.NextRow(e.Display, reader, fields, o.Delimiter, header, emptyRows, out var line))
        {
            var n = reader.LineNumber;
            var hour = time.Parse(fields[line, ct], out var problem)
                ?? throw new InputException($"{e.Display}, line {n}, column {ct + 1} ({header[ct]}): '{FastNumber.Show(fields[line, ct])}' is {problem}");
            for (var j = 0; j < header.Length; j++)
            {
                if (j == ct) continue;
                var s = series[j] ??= batch.GetOrAddSeries(header[j], o.Variable!);
                var cell = fields[line, j];
                float x;
                if (LongImporter.IsMissing(cell.Trim((byte)' '), missing)) x = float.NaN;
                else if (FastNumber.TryParse(cell, out var d)) x = ImportContext.ToFloat(d * factor, cell, $"{e.Display}, line {n}, column {j + 1} ({header[j]})");
                else throw new InputException($"{e.Display}, line {n}, column {j + 1} (station {header[j]}): '{FastNumber.Show(cell)}' is not a number; expected a decimal number or one of the missing tokens ({string.Join(", ", o.MissingTokens.Select(t => $"'{t}'"))})");
                if (!s.TrySet(hour, x)) s.Set(hour, x, $"{e.Display}, line {n}, column {j + 1}");
            }
            if (++rows % 100_000 == 0) ctx.Rows(rows, e);
        }
        if (rows > 0)   // a header without rows names stations but adds no data: they are not added
            for (var j = 0; j < header.Length; j++)
                if (j != ct) seen.Add(header[j]);
        return rows;
    }
}
