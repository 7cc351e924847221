using System.Text;

namespace AqNet.Core.Import;

/// <summary>Splits one CSV line (bytes) into field ranges, reusing its arrays across lines. A field that starts
/// with a double quote runs to the matching quote ("" is an escaped quote); quoted newlines are not supported
/// (none of the supported formats has them).</summary>
internal sealed class CsvFields
{
    private int[] _start = new int[32], _end = new int[32];
    private bool[] _escaped = new bool[32];

    public int Count { get; private set; }

    /// <summary>The 0-based field whose opening quote has no closing quote on the line (a file cut inside a quoted
    /// cell), or -1.</summary>
    public int Unterminated { get; private set; } = -1;

    public void Split(ReadOnlySpan<byte> line, byte delimiter)
    {
        Count = 0;
        Unterminated = -1;
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == (byte)'"')
            {
                var j = i + 1;
                var escaped = false;
                while (true)
                {
                    var k = line[j..].IndexOf((byte)'"');
                    if (k < 0) { j = line.Length; Unterminated = Count; break; } // unterminated: take the rest, the caller refuses it
                    j += k;
                    if (j + 1 < line.Length && line[j + 1] == (byte)'"') { escaped = true; j += 2; continue; }
                    break;
                }
                Add(i + 1, j, escaped);
                i = Math.Min(j + 1, line.Length);
                var d = line[i..].IndexOf(delimiter);
                if (d < 0) return;
                i += d + 1;
            }
            else
            {
                var d = line[i..].IndexOf(delimiter);
                if (d < 0) { Add(i, line.Length, false); return; }
                Add(i, i + d, false);
                i += d + 1;
            }
        }
    }

    public ReadOnlySpan<byte> this[ReadOnlySpan<byte> line, int i] => line[_start[i].._end[i]];

    /// <summary>The field as a string (allocates; for headers, ids and error messages).</summary>
    public string Text(ReadOnlySpan<byte> line, int i)
    {
        var s = Encoding.UTF8.GetString(this[line, i]);
        return _escaped[i] ? s.Replace("\"\"", "\"", StringComparison.Ordinal) : s;
    }

    public string[] AllText(ReadOnlySpan<byte> line)
    {
        var r = new string[Count];
        for (var i = 0; i < Count; i++) r[i] = Text(line, i);
        return r;
    }

    private void Add(int start, int end, bool escaped)
    {
        if (Count == _start.Length)
        {
            Array.Resize(ref _start, Count * 2);
            Array.Resize(ref _end, Count * 2);
            Array.Resize(ref _escaped, Count * 2);
        }
        _start[Count] = start;
        _end[Count] = end;
        _escaped[Count] = escaped;
        Count++;
    }
}
