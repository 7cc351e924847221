namespace AqNet.Core.Import;

/// <summary>Streams a text file as byte lines without decoding it: every format we read is ASCII except the
/// header's station names, so cells are parsed straight from bytes (no per-line or per-cell strings).
/// Accepts LF and CRLF, strips a UTF-8 BOM. A returned line is valid until the next call.</summary>
internal sealed class ByteLineReader(Stream stream, int bufferSize = 1 << 20)
{
    private byte[] _buf = new byte[bufferSize];
    private int _start, _end;
    private bool _eof;

    /// <summary>The longest line read: a header of 100,000 station codes is under 1 MiB.</summary>
    public const int MaxLineBytes = 64 << 20;

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    public bool ReadLine(out ReadOnlySpan<byte> line)
    {
        var scanned = 0; // bytes of the pending line already searched for '\n'
        while (true)
        {
            var pending = _buf.AsSpan(_start, _end - _start);
            var nl = pending[scanned..].IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = Finish(pending[..(scanned + nl)]);
                _start += scanned + nl + 1;
                return true;
            }
            scanned = pending.Length;
            if (_eof)
            {
                _start = _end;
                if (pending.Length == 0) { line = default; return false; }
                line = Finish(pending);
                return true;
            }
            Fill();
        }
    }

    private ReadOnlySpan<byte> Finish(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        return line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buf.Length)
        {
            // a line longer than the buffer; past the limit it is not a line of a data table (a binary or a bomb)
            if (_buf.Length >= MaxLineBytes)
                throw new LineTooLongException($"line {LineNumber + 1} is longer than {MaxLineBytes >> 20} MiB; expected a text table with line breaks");
            Array.Resize(ref _buf, Math.Min(_buf.Length * 2, MaxLineBytes));
        }
        var n = stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0) _eof = true;
        else _end += n;
    }
}

/// <summary>A line longer than <see cref="ByteLineReader.MaxLineBytes"/>; an IOException, so the file runner reports it
/// with the file's name like any other read failure.</summary>
internal sealed class LineTooLongException(string message) : IOException(message);
