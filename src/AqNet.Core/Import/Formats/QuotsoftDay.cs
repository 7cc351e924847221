using System.Buffers;
using System.Text;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>One parsed quotsoft daily file (CNEMC china_sites_*.csv or BJMEMC beijing_*.csv): header
/// <c>date,hour,type,&lt;stations&gt;</c>, one row per (hour, type), hour 0..23 Beijing time (UTC+8), the value
/// being the mean of the hour ending then (so only the time zone is converted). Only the hourly types PM2.5, PM10,
/// SO2, NO2, O3 and CO are kept; *_24h, O3_8h*, AQI are skipped. CO is published in mg/m³ and stored ×1000 (µg/m³).
/// Values are kept as a dense [row, station column] block; rows are parsed straight from bytes.</summary>
internal sealed class QuotsoftDay
{
    public const int UtcOffset = 8;
    public static readonly string[] HourlyVariables = [Variables.Pm25, Variables.Pm10, Variables.So2, Variables.No2, Variables.O3, Variables.Co];
    private static readonly byte[][] HourlyTypes = [.. HourlyVariables.Select(Encoding.ASCII.GetBytes)];
    private static readonly HashSet<string> SkippedTypes = new(StringComparer.Ordinal)
        { "AQI", "PM2.5_24h", "PM10_24h", "SO2_24h", "NO2_24h", "O3_24h", "O3_8h", "O3_8h_24h", "CO_24h" };
    private const int CoIndex = 5;
    private const int DateCol = -1, HourCol = -2, TypeCol = -3;

    public required string[] StationIds { get; init; }      // per station column, header order
    public required int[] ColumnNumbers { get; init; }      // 1-based column of each station
    public List<int> Hours { get; } = [];
    public List<int> Lines { get; } = [];
    public List<byte> VariableIndex { get; } = [];          // into HourlyVariables
    public float[] Values { get; private set; } = [];       // [row, station], µg/m³, NaN = blank cell
    public Dictionary<string, int> UnknownTypes { get; } = new(StringComparer.Ordinal);
    public int Rows => Hours.Count;

    /// <param name="mapStation">header name and 1-based column → station id (throws for an unknown name).</param>
    public static QuotsoftDay Parse(InputEntry e, Stream stream, Func<string, int, string> mapStation)
    {
        var reader = new ByteLineReader(stream);
        if (!reader.ReadLine(out var headerLine)) throw new InputException($"{e.Display}: the file is empty; expected a header date,hour,type,<stations>");
        ImportContext.CheckHeaderBytes(e.Display, headerLine);
        var header = Encoding.UTF8.GetString(headerLine).Split(',').Select(h => h.Trim()).ToArray();
        ImportContext.CheckDelimiter(e.Display, header, ',');
        var kinds = new int[header.Length];
        var ids = new List<string>();
        var columns = new List<int>();
        bool hasDate = false, hasHour = false, hasType = false;
        for (var c = 0; c < header.Length; c++)
        {
            var h = header[c];
            if (h.Equals("date", StringComparison.OrdinalIgnoreCase) && !hasDate) { kinds[c] = DateCol; hasDate = true; continue; }
            if (h.Equals("hour", StringComparison.OrdinalIgnoreCase) && !hasHour) { kinds[c] = HourCol; hasHour = true; continue; }
            if (h.Equals("type", StringComparison.OrdinalIgnoreCase) && !hasType) { kinds[c] = TypeCol; hasType = true; continue; }
            if (h.Length == 0) throw new InputException($"{e.Display}, line 1, column {c + 1}: empty station name in the header; expected a station code or name");
            // A repeated station column is read like another column of that station: identical values are read once
            // (counted in the ingest's notes), different ones refused as duplicated timestamps naming the column.
            kinds[c] = ids.Count;
            ids.Add(mapStation(h, c + 1));
            columns.Add(c + 1);
        }
        if (!hasDate || !hasHour || !hasType)
            throw new InputException($"{e.Display}, line 1: the header lacks {(!hasDate ? "date" : !hasHour ? "hour" : "type")}; expected date,hour,type,<stations>");
        var day = new QuotsoftDay { StationIds = [.. ids], ColumnNumbers = [.. columns] };
        day.ReadRows(e, reader, header, kinds);
        return day;
    }

    private void ReadRows(InputEntry e, ByteLineReader reader, string[] header, int[] kinds)
    {
        var s = StationIds.Length;
        var values = ArrayPool<float>.Shared.Rent(Math.Max(1, s * 24 * HourlyTypes.Length)); // back to the pool in Release
        int lastDate = int.MinValue, dayBase = 0;
        (int Line, int Cells)? cutOff = null;
        while (reader.ReadLine(out var line))
        {
            if (line.IsEmpty) continue;
            if (values.Length < (Rows + 1) * s)
            {
                var grown = ArrayPool<float>.Shared.Rent(values.Length * 2);
                values.AsSpan(0, Rows * s).CopyTo(grown);
                ArrayPool<float>.Shared.Return(values);
                values = grown;
            }
            var row = values.AsSpan(Rows * s, s);
            int col = 0, pos = 0, date = -1, hour = -1, type = -1;
            var skip = false;
            while (true)
            {
                var d = line[pos..].IndexOf((byte)',');
                var cell = d < 0 ? line[pos..] : line.Slice(pos, d);
                if (col >= header.Length) throw new InputException($"{e.Display}, line {reader.LineNumber}: more cells than the header's {header.Length}; expected one cell per column");
                var k = kinds[col];
                if (k >= 0)
                {
                    if (cell.IsEmpty) row[k] = float.NaN;
                    else if (FastNumber.TryParse(cell, out var x)) row[k] = ImportContext.ToFloat(x, cell, $"{e.Display}, line {reader.LineNumber}, column {col + 1} ({header[col]})");
                    else throw NotNumber(e, reader.LineNumber, col, header, cell);
                }
                else if (k == DateCol) date = FastNumber.ParseInt(cell);
                else if (k == HourCol) hour = FastNumber.ParseInt(cell);
                else
                {
                    type = TypeIndex(cell);
                    if (type < 0)
                    {
                        // A skipped row type (AQI, *_24h, ...) is not read, but it has to be whole: as the last line it
                        // means the file was cut off there (noted; the rows before are kept), anywhere else it is refused.
                        var cells = col + 1 + (d < 0 ? 0 : line[(pos + d + 1)..].Count((byte)',') + 1);
                        if (cutOff is not null || cells > header.Length)
                            throw new InputException($"{e.Display}, line {cutOff?.Line ?? reader.LineNumber}: {cutOff?.Cells ?? cells} cells but the header has {header.Length}; expected one cell per column");
                        if (cells < header.Length) cutOff = (reader.LineNumber, cells);
                        skip = true;
                        CountUnknown(cell);
                        break;
                    }
                }
                col++;
                if (d < 0) break;
                pos += d + 1;
            }
            if (skip) continue;
            if (cutOff is { } c)
                throw new InputException($"{e.Display}, line {c.Line}: {c.Cells} cells but the header has {header.Length}; expected one cell per column (truncated file?)");
            if (col < header.Length)
                throw new InputException($"{e.Display}, line {reader.LineNumber}: {col} cells but the header has {header.Length}; expected one cell per column (truncated file?)");
            if (date != lastDate) { dayBase = DayBase(e, reader.LineNumber, date, header); lastDate = date; }
            if (hour is < 0 or > 23)
                throw new InputException($"{e.Display}, line {reader.LineNumber}, column hour: '{hour}' is not an hour; expected 0..23");
            if (type == CoIndex)
                for (var i = 0; i < row.Length; i++) row[i] = (float)(row[i] * 1000.0); // mg/m³ → µg/m³ (NaN stays NaN)
            Hours.Add(dayBase + hour);
            Lines.Add(reader.LineNumber);
            VariableIndex.Add((byte)type);
        }
        Values = values;
        if (cutOff is { } cut)
            CutOff = $"{e.Display} is cut off inside its last line {cut.Line} ({cut.Cells} of {header.Length} cells, a row type that is not read); the rows before it were read";
    }

    /// <summary>A note when the file ends inside a row of a skipped type (a download cut short), else null.</summary>
    public string? CutOff { get; private set; }

    /// <summary>Returns the value block to the shared pool once the day is merged (a CNEMC day is ~0.9 MB, so fresh
    /// blocks for 90 days were 80 MB of page faults); the day must not be used afterwards.</summary>
    public void Release()
    {
        var v = Values;
        Values = [];
        if (v.Length > 0) ArrayPool<float>.Shared.Return(v);
    }

    private static int TypeIndex(ReadOnlySpan<byte> cell)
    {
        for (var i = 0; i < HourlyTypes.Length; i++)
            if (cell.SequenceEqual(HourlyTypes[i])) return i;
        return -1;
    }

    private void CountUnknown(ReadOnlySpan<byte> cell)
    {
        var t = Encoding.UTF8.GetString(cell);
        if (!SkippedTypes.Contains(t)) UnknownTypes[t] = UnknownTypes.GetValueOrDefault(t) + 1;
    }

    private static int DayBase(InputEntry e, int line, int date, string[] header)
    {
        int y = date / 10000, m = date / 100 % 100, d = date % 100;
        if (date < 0 || y is < 1971 or > 2100 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            throw new InputException($"{e.Display}, line {line}, column {Array.FindIndex(header, h => h.Equals("date", StringComparison.OrdinalIgnoreCase)) + 1} (date): '{date}' is not a date; expected YYYYMMDD");
        return HourAxis.FromLocal(y, m, d, 0, UtcOffset);
    }

    private static InputException NotNumber(InputEntry e, int line, int col, string[] header, ReadOnlySpan<byte> cell) =>
        new($"{e.Display}, line {line}, column {col + 1} ({header[col]}): '{FastNumber.Show(cell)}' is not a number; expected a decimal number or an empty cell");
}
