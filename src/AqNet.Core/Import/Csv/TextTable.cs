using System.Text;
using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>A small CSV file (a station list) read whole into strings: a header and rows with their 1-based
/// line numbers. Station lists have a few thousand rows, so simplicity wins over speed here.</summary>
internal sealed class TextTable
{
    private TextTable(string path, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    public string Path { get; }
    public string[] Header { get; }
    public List<(int Line, string[] Cells)> Rows { get; }

    static TextTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads a file as strict UTF-8, or as GB18030 when it is not valid UTF-8 (CNEMC's NewSiteList.csv).</summary>
    public static TextTable Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"stations file '{path}' does not exist; expected a CSV station list");
        var bytes = File.ReadAllBytes(path);
        var firstLine = bytes.AsSpan(0, bytes.AsSpan().IndexOf((byte)'\n') is var nl and >= 0 ? nl : bytes.Length);
        ImportContext.CheckHeaderBytes(path, firstLine);
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { text = Encoding.GetEncoding("GB18030").GetString(bytes); }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n');
        string[]? header = null;
        var rows = new List<(int, string[])>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            var cells = SplitLine(line);
            if (header is null)
            {
                header = cells;
                continue;
            }
            if (cells.Length != header.Length)
                throw new InputException($"{path}, line {i + 1}: {cells.Length} cells but the header has {header.Length}; expected one cell per header column");
            rows.Add((i + 1, cells));
        }
        if (header is null) throw new InputException($"{path}: the file is empty; expected a header line and station rows");
        return new TextTable(path, header, rows);
    }

    /// <summary>Column index by name (case-insensitive), or a message listing what the header has.</summary>
    public int Column(string name)
    {
        var i = TryColumn(name);
        if (i < 0)
            throw new InputException($"{Path}, line 1: no column '{name}'; the header has {ImportContext.Columns(Header, ',')}");
        return i;
    }

    public int TryColumn(string? name)
    {
        if (name is null) return -1;
        for (var i = 0; i < Header.Length; i++)
            if (string.Equals(Header[i].Trim(), name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>A coordinate cell: blank → null, else a finite number.</summary>
    public double? Coordinate(int line, string[] cells, int column)
    {
        var s = cells[column].Trim();
        if (s.Length == 0) return null;
        if (!Fmt.TryParseDouble(s, out var v) || !double.IsFinite(v))
            throw new InputException($"{Path}, line {line}, column {column + 1} ({Header[column]}): '{s}' is not a number; expected decimal degrees or a blank cell");
        return v;
    }

    internal static string[] SplitLine(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') sb.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return [.. cells];
    }
}
