using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Shared bookkeeping of one ingest: progress counts and the registration of stations seen in the data.</summary>
internal sealed class ImportContext(ImportBatch batch, int filesTotal, IProgress<ImportProgress>? progress)
{
    private int _filesDone;
    private long _rows;

    public ImportBatch Batch { get; } = batch;

    /// <summary>Called on the merging thread after each file.</summary>
    public void FileDone(InputEntry e, long rows)
    {
        _filesDone++;
        _rows += rows;
        Batch.Files.Add(e.Display);
        progress?.Report(new ImportProgress(_filesDone, filesTotal, _rows, e.Display));
    }

    public void Rows(long rows, InputEntry e) =>
        progress?.Report(new ImportProgress(_filesDone, filesTotal, _rows + rows, e.Display));

    /// <summary>Adds every station seen in the data (with its list entry when there is one) and notes those
    /// without coordinates: they are kept and ingested, only spatial work skips them.</summary>
    public void AddStations(IEnumerable<string> seenIds, Func<string, Station?> lookup, string listName)
    {
        var noEntry = new List<string>();
        var noCoords = new List<string>();
        var n = 0;
        foreach (var id in seenIds.Order(StringComparer.Ordinal))
        {
            n++;
            var s = lookup(id);
            if (s is null) noEntry.Add(id);
            s ??= new Station(id, id, null, null);
            if (!s.HasCoordinates) noCoords.Add(id);
            Batch.AddStation(s);
        }
        Batch.Notes.Add($"{n} stations in the data; {n - noCoords.Count} with coordinates, {noCoords.Count} without");
        if (noEntry.Count > 0)
            Batch.Notes.Add($"{noEntry.Count} stations are not in {listName} (ingested without coordinates): {Ids(noEntry)}");
        var listedNoCoords = noCoords.Except(noEntry).ToList();
        if (listedNoCoords.Count > 0)
            Batch.Notes.Add($"{listedNoCoords.Count} stations have blank coordinates in {listName} (ingested without coordinates): {Ids(listedNoCoords)}");
    }

    private static string Ids(List<string> ids) =>
        string.Join(", ", ids.Take(20)) + (ids.Count > 20 ? $" and {ids.Count - 20} more" : "");

    /// <summary>The station lists: those given (each must exist), else those of <paramref name="names"/> found in an
    /// input's folder (all of them when <paramref name="mergeAll"/>, else the first found), else none.</summary>
    public static List<string> LocateStations(ImportOptions options, IReadOnlyList<InputEntry> entries, bool mergeAll, params string[] names)
    {
        if (options.StationsFiles.Count > 0)
        {
            foreach (var given in options.StationsFiles)
                if (!File.Exists(given))
                    throw new InputException($"stations file '{given}' does not exist; expected a CSV station list" +
                        (names.Length > 0 ? $" (without --stations, {string.Join(mergeAll ? " and " : " or ", names)} beside the input {(names.Length > 1 ? "are" : "is")} used)" : ""));
            return [.. options.StationsFiles];
        }
        var found = new List<string>();
        foreach (var name in names)
        {
            var p = entries.Select(e => Path.Combine(e.Folder ?? ".", name)).Distinct().FirstOrDefault(File.Exists);
            if (p is null) continue;
            found.Add(p);
            if (!mergeAll) break;
        }
        return found;
    }

    /// <summary>Reads and merges the station lists (<see cref="StationLists.Merge"/>); <paramref name="read"/> reads one
    /// list with the format's columns under <see cref="ImportOptions.StationColumns"/>. Returns the merged lists keyed by
    /// <paramref name="key"/> (default: the id) and their names for messages (null when there is none).</summary>
    public static (Dictionary<string, Station> Stations, string? Label) ReadStationLists(IReadOnlyList<string> paths,
        Func<string, List<Station>> read, List<string> notes, Func<Station, string>? key = null)
    {
        var lists = paths.Select(p => (p, read(p))).ToList();
        return (StationLists.Merge(lists, key ?? (s => s.Id), notes), lists.Count == 0 ? null : string.Join(" or ", paths));
    }

    public static bool IsStationList(string name) =>
        name.Equals("stations.csv", StringComparison.OrdinalIgnoreCase) || name.Equals("NewSiteList.csv", StringComparison.OrdinalIgnoreCase)
        || name.Equals("station_info.csv", StringComparison.OrdinalIgnoreCase) || name.Equals("sites.csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>The header of a delimited text file: read, checked (<see cref="CheckHeaderBytes"/>, <see cref="CheckDelimiter"/>)
    /// and split into trimmed names; an empty file is refused with <paramref name="expected"/> ("a header ...").</summary>
    public static string[] ReadHeader(string where, ByteLineReader reader, CsvFields fields, char delimiter, string expected)
    {
        if (!reader.ReadLine(out var line)) throw new InputException($"{where}: the file is empty; expected {expected}");
        CheckHeaderBytes(where, line);
        fields.Split(line, (byte)delimiter);
        var header = fields.AllText(line).Select(h => h.Trim()).ToArray();
        // Quotes hide other delimiters from the splitter: a single column is checked as the raw line.
        CheckDelimiter(where, header.Length == 1 ? [System.Text.Encoding.UTF8.GetString(line)] : header, delimiter);
        return header;
    }

    /// <summary>The next data row of a delimited file, split into <paramref name="fields"/>: blank lines and rows whose
    /// every cell is empty (spreadsheet exports pad tables with ",,,," rows; counted in <paramref name="emptyRows"/>) are
    /// skipped; an unterminated quote or a row of another width than the header is refused. False at the end.</summary>
    public static bool NextRow(string where, ByteLineReader reader, CsvFields fields, char delimiter, string[] header,
        System.Runtime.CompilerServices.StrongBox<long> emptyRows, out ReadOnlySpan<byte> line)
    {
        while (reader.ReadLine(out line))
        {
            if (line.IsEmpty) continue;
            var n = reader.LineNumber;
            fields.Split(line, (byte)delimiter);
            if (fields.Unterminated >= 0) throw Unterminated(where, n, fields.Unterminated, header);
            if (LongImporter.AllEmpty(fields, line)) { emptyRows.Value++; continue; }
            if (fields.Count != header.Length)
                throw new InputException($"{where}, line {n}: {fields.Count} cells but the header has {header.Length}; expected one cell per column{(fields.Count < header.Length ? " (truncated file?)" : "")}");
            return true;
        }
        return false;
    }

    /// <summary>Refuses a first line that shows the file is no UTF-8 text table: UTF-16 (byte-order mark or NUL bytes)
    /// or an HTML page (a download that returned an error page saved under a data file's name).</summary>
    public static void CheckHeaderBytes(string where, ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || header.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || header.Contains((byte)0))
            throw new InputException($"{where}: the file is UTF-16 (or binary), not UTF-8 text; expected a UTF-8 CSV (re-save it as UTF-8)");
        var start = header.TrimStart(" \t"u8);
        if (start.Length > 0 && start[0] == (byte)'<')
        {
            var head = System.Text.Encoding.ASCII.GetString(start[..Math.Min(start.Length, 15)]).ToLowerInvariant();
            if (head.StartsWith("<!doctype", StringComparison.Ordinal) || head.StartsWith("<html", StringComparison.Ordinal) || head.StartsWith("<?xml", StringComparison.Ordinal))
                throw new InputException($"{where}: the file is an HTML/XML page, not a data file (a failed download saved as .csv?); expected a CSV table");
        }
    }

    /// <summary>A header's column names for a message, at most 20 of them.</summary>
    public static string Columns(IReadOnlyList<string> header, char delimiter) =>
        string.Join(delimiter, header.Take(20).Select(h => h.Length > 40 ? h[..40] + "…" : h)) + (header.Count > 20 ? $" … ({header.Count} columns)" : "");

    public static InputException Unterminated(string where, int line, int field, IReadOnlyList<string> header) =>
        new($"{where}, line {line}, column {field + 1}{(field < header.Count ? $" ({header[field]})" : "")}: a quoted cell has no closing quote; expected \"...\" on one line (file cut off?)");

    /// <summary>A parsed value as float32; beyond float's range (±3.4e38) it would become infinite, so it is refused.</summary>
    public static float ToFloat(double value, ReadOnlySpan<byte> cell, string where)
    {
        var x = (float)value;
        if (float.IsInfinity(x) && !double.IsInfinity(value))
            throw new InputException($"{where}: '{FastNumber.Show(cell)}' is beyond the range of a stored value (±3.4e38); expected a measured value");
        return x;
    }

    /// <summary>A header that is one column containing ';' or a tab was written with another delimiter.</summary>
    public static void CheckDelimiter(string where, IReadOnlyList<string> header, char expected)
    {
        if (header.Count != 1) return;
        foreach (var other in new[] { ';', '\t', ',', '|' })
            if (other != expected && header[0].Contains(other))
                throw new InputException($"{where}, line 1: the header is one column containing '{(other == '\t' ? "\\t" : other.ToString())}'; expected '{(expected == '\t' ? "\\t" : expected.ToString())}'-separated columns (wrong delimiter?)");
    }
}
