using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>UCI "Beijing Multi-Site Air-Quality Data" (PRSA_Data_*.csv). Columns are found by header name:
/// year, month, day, hour, station, and any of PM2.5, PM10, SO2, NO2, CO, O3, TEMP, PRES, DEWP, RAIN, WSPM, wd.
/// Times: hour 0..23 is Beijing local time (UTC+8) and the value at hour h is the mean over (h-1):00..h:00 local;
/// AqNet also labels a value by the end of its averaging hour, so the only conversion is h local → h−8 UTC
/// (2013-03-01 00h local = 2013-02-28 16:00Z). "NA" or empty = missing. CO is already µg/m³ (no scaling).
/// wd, a 16-point compass word, becomes degrees (N = 0, NNE = 22.5, ...). Station id = the name in the file.</summary>
internal static class PrsaImporter
{
    public const int UtcOffset = 8;

    private static readonly string[] ValueColumns = ["PM2.5", "PM10", "SO2", "NO2", "CO", "O3", "TEMP", "PRES", "DEWP", "RAIN", "WSPM", "wd"];

    private sealed class ParsedFile
    {
        public required string[] Variables;
        public List<string> Station = [];
        public List<int> Hour = [], Line = [];
        public List<float> Values = []; // [row, variable]
    }

    public static ImportBatch Read(IReadOnlyList<string> paths, ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var entries = InputResolver.Resolve(paths, n => n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !ImportContext.IsStationList(n), "UCI PRSA_Data_*.csv");
        var batch = new ImportBatch("prsa", "UTC+08:00 (Beijing)");
        var columns = options.StationColumns?.Over(StationsColumns) ?? StationsColumns;
        var (list, stationsPath) = ImportContext.ReadStationLists(ImportContext.LocateStations(options, entries, mergeAll: false, "stations.csv"),
            p => StationTable.Read(p, columns, options.StationColumns, "Beijing"), batch.Notes);
        var ctx = new ImportContext(batch, entries.Count, progress);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        FileRunner.Run(entries, options.MaxParallelism, (e, opener) => Parse(e, opener), (e, f) =>
        {
            var series = f.Variables.Select(v => (SeriesBuilder?)null).ToArray();
            string? last = null;
            for (var r = 0; r < f.Hour.Count; r++)
            {
                if (!ReferenceEquals(f.Station[r], last))
                {
                    last = f.Station[r];
                    seen.Add(last);
                    for (var v = 0; v < series.Length; v++) series[v] = batch.GetOrAddSeries(last, f.Variables[v]);
                }
                for (var v = 0; v < series.Length; v++)
                {
                    var x = f.Values[r * series.Length + v];
                    if (!series[v]!.TrySet(f.Hour[r], x)) series[v]!.Set(f.Hour[r], x, $"{e.Display}, line {f.Line[r]}");
                }
            }
            ctx.FileDone(e, f.Hour.Count);
        }, ct);
        ctx.AddStations(seen, id => list.GetValueOrDefault(id), stationsPath ?? "a stations file (none given or found beside the input)");
        return batch;
    }

    private static ParsedFile Parse(InputEntry e, EntryOpener opener)
    {
        using var stream = opener.Open(e);
        var reader = new ByteLineReader(stream, 1 << 18);
        var fields = new CsvFields();
        if (!reader.ReadLine(out var headerLine)) throw new InputException($"{e.Display}: the file is empty; expected a header \"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",...,\"station\"");
        ImportContext.CheckHeaderBytes(e.Display, headerLine);
        fields.Split(headerLine, (byte)',');
        var header = fields.AllText(headerLine).Select(h => h.Trim()).ToArray();
        ImportContext.CheckDelimiter(e.Display, header.Length == 1 ? [System.Text.Encoding.UTF8.GetString(headerLine)] : header, ','); // quotes hide other delimiters from the splitter
        int Col(string name)
        {
            var i = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (i < 0) throw new InputException($"{e.Display}, line 1: no column \"{name}\"; expected the UCI header \"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",...,\"station\"");
            if (Array.FindLastIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase)) != i)
                throw new InputException($"{e.Display}, line 1: column \"{name}\" appears twice; expected each column once");
            return i;
        }
        int cy = Col("year"), cm = Col("month"), cd = Col("day"), ch = Col("hour"), cs = Col("station");
        var present = ValueColumns.Where(v => header.Any(h => h.Equals(v, StringComparison.OrdinalIgnoreCase))).ToArray();
        var cols = present.Select(Col).ToArray();
        var f = new ParsedFile { Variables = present.Select(v => v == "wd" ? Variables.Wd : v).ToArray() };
        var isWd = f.Variables.Select(v => v == Variables.Wd).ToArray();
        var lastStation = Array.Empty<byte>();
        string station = "";
        while (reader.ReadLine(out var line))
        {
            if (line.IsEmpty) continue;
            var n = reader.LineNumber;
            fields.Split(line, (byte)',');
            if (fields.Unterminated >= 0) throw ImportContext.Unterminated(e.Display, n, fields.Unterminated, header);
            if (fields.Count != header.Length)
                throw new InputException($"{e.Display}, line {n}: {fields.Count} cells but the header has {header.Length}; expected one cell per column{(fields.Count < header.Length ? " (truncated file?)" : "")}");
            int year = Int(e, n, header, cy, fields[line, cy]), month = Int(e, n, header, cm, fields[line, cm]);
            int day = Int(e, n, header, cd, fields[line, cd]), hour = Int(e, n, header, ch, fields[line, ch]);
            if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), Math.Clamp(month, 1, 12)) || hour > 23 || year is < 1971 or > 2100)
                throw new InputException($"{e.Display}, line {n}: {year}-{month}-{day} hour {hour} is not a valid date and hour 0..23");
            var st = fields[line, cs];
            if (!st.SequenceEqual(lastStation))
            {
                lastStation = st.ToArray();
                station = fields.Text(line, cs).Trim();
                if (station.Length == 0) throw new InputException($"{e.Display}, line {n}, column {cs + 1} (station): empty; expected a station name");
            }
            f.Station.Add(station);
            f.Hour.Add(HourAxis.FromLocal(year, month, day, hour, UtcOffset));
            f.Line.Add(n);
            for (var v = 0; v < cols.Length; v++)
            {
                var cell = fields[line, cols[v]];
                float x;
                if (cell.IsEmpty || cell.SequenceEqual("NA"u8)) x = float.NaN;
                else if (FastNumber.TryParse(cell, out var d)) x = ImportContext.ToFloat(d, cell, $"{e.Display}, line {n}, column {cols[v] + 1} ({header[cols[v]]})");
                else if (isWd[v] && !float.IsNaN(x = CompassDirection.Degrees(cell))) { }
                else throw new InputException($"{e.Display}, line {n}, column {cols[v] + 1} ({header[cols[v]]}): '{FastNumber.Show(cell)}' is not {(isWd[v] ? "a 16-point compass word (N, NNE, ..., NNW), degrees" : "a number")} or NA");
                f.Values.Add(x);
            }
        }
        return f;
    }

    private static int Int(InputEntry e, int line, string[] header, int c, ReadOnlySpan<byte> cell)
    {
        var v = FastNumber.ParseInt(cell);
        return v >= 0 ? v : throw new InputException($"{e.Display}, line {line}, column {c + 1} ({header[c]}): '{FastNumber.Show(cell)}' is not a whole number");
    }

    /// <summary>The stations.csv beside the UCI files: station (the name in the data), longitude, latitude, name_zh.</summary>
    private static readonly StationColumns StationsColumns = StationColumns.Plain with { Name = "name_zh" };
}
