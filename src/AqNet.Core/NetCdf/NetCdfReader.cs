using System.Buffers.Binary;

namespace AqNet.Core.NetCdf;

/// <summary>A minimal reader for classic and 64-bit-offset files: the header, and whole variables or single record
/// slabs of float, double, int or short data. Enough to round-trip and check this project's own output.</summary>
public sealed class NetCdfReader : IDisposable
{
    private readonly FileStream _fs;
    private readonly string _path;

    public NcHeader Header { get; }

    private NetCdfReader(string path, FileStream fs, NcHeader h) => (_path, _fs, Header) = (path, fs, h);

    public static NetCdfReader Open(string path)
    {
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return new NetCdfReader(path, fs, NcHeaderCodec.Read(fs, path));
        }
        catch (Exception e) when (e is ArgumentException or EndOfStreamException)
        {
            fs.Dispose();
            throw new InvalidDataException($"{path}: truncated or malformed NetCDF header", e);
        }
        catch { fs.Dispose(); throw; }
    }

    /// <summary>All values of a variable in row-major order (all records for a record variable), as doubles.
    /// With mask, values equal to the variable's _FillValue become NaN.</summary>
    public double[] ReadDoubles(string variable, bool mask = true)
    {
        var v = Header.Variable(variable);
        var records = Header.IsRecordVariable(v) ? Header.NumRecs : 1;
        var per = Header.ValuesPerSlab(v);
        var all = new double[checked(records * per)];
        for (var r = 0; r < records; r++) ReadSlab(v, r, mask).CopyTo(all, r * per);
        return all;
    }

    /// <summary>All values as float32 (exact for float variables).</summary>
    public float[] ReadFloats(string variable, bool mask = true) => ReadDoubles(variable, mask).Select(d => (float)d).ToArray();

    /// <summary>One [lat, lon] slab of a record variable at record t, as float32.</summary>
    public float[] ReadTimeSlice(string variable, int t, bool mask = true)
    {
        var v = Header.Variable(variable);
        if (!Header.IsRecordVariable(v)) throw new ArgumentException($"{variable} is not a record variable", nameof(variable));
        if ((uint)t >= Header.NumRecs) throw new ArgumentOutOfRangeException(nameof(t));
        return ReadSlab(v, t, mask).Select(d => (float)d).ToArray();
    }

    /// <summary>The values of a float record variable [time, ...] at one element index of every record (a cell's
    /// series), read 4 bytes per record; _FillValue becomes NaN.</summary>
    public float[] ReadRecordPoints(string variable, long index)
    {
        var v = Header.Variable(variable);
        if (!Header.IsRecordVariable(v) || v.Type != NcType.Float) throw new ArgumentException($"{variable} is not a float record variable", nameof(variable));
        if (index < 0 || index >= Header.ValuesPerSlab(v)) throw new ArgumentOutOfRangeException(nameof(index));
        var fill = v.Attribute("_FillValue")?.AsDoubles().FirstOrDefault() is double f ? (float)f : float.NaN;
        var result = new float[Header.NumRecs];
        Span<byte> raw = stackalloc byte[4];
        for (var r = 0; r < result.Length; r++)
        {
            _fs.Position = v.Begin + r * Header.RecordSize + index * 4;
            _fs.ReadExactly(raw);
            var x = BinaryPrimitives.ReadSingleBigEndian(raw);
            result[r] = x == fill ? float.NaN : x;
        }
        return result;
    }

    /// <summary>The strings of a char variable [..., strlen], trailing zero bytes removed.</summary>
    public string[] ReadStrings(string variable)
    {
        var v = Header.Variable(variable);
        if (v.Type != NcType.Char) throw new ArgumentException($"{variable} is not a char variable", nameof(variable));
        var len = Header.Dimensions[v.DimIds[^1]].Length;
        var records = Header.IsRecordVariable(v) ? Header.NumRecs : 1;
        var raw = new byte[checked((int)(records * Header.ValuesPerSlab(v)))];
        var per = (int)Header.ValuesPerSlab(v);
        for (var r = 0; r < records; r++)
        {
            _fs.Position = v.Begin + (Header.IsRecordVariable(v) ? r * Header.RecordSize : 0);
            _fs.ReadExactly(raw, (int)r * per, per);
        }
        return [.. Enumerable.Range(0, len == 0 ? 0 : raw.Length / len)
            .Select(i => System.Text.Encoding.UTF8.GetString(raw, i * len, len).TrimEnd('\0'))];
    }

    /// <summary>All values of a numeric variable in its own type (float[], double[], int[], short[] or sbyte[]),
    /// exactly as stored (no masking); a record variable's records one after another.</summary>
    public Array Raw(string variable)
    {
        var v = Header.Variable(variable);
        if (!Header.IsRecordVariable(v)) return Typed(v, 0);
        var per = (int)Header.ValuesPerSlab(v);
        var all = Array.CreateInstance(Typed(v, 0).GetType().GetElementType()!, checked((int)(Header.NumRecs * per)));
        for (var r = 0; r < Header.NumRecs; r++) Array.Copy(Typed(v, r), 0, all, r * per, per);
        return all;
    }

    /// <summary>Record t of a record variable in its own type, exactly as stored.</summary>
    public Array RawRecord(string variable, int t)
    {
        var v = Header.Variable(variable);
        if (!Header.IsRecordVariable(v)) throw new ArgumentException($"{variable} is not a record variable", nameof(variable));
        if ((uint)t >= Header.NumRecs) throw new ArgumentOutOfRangeException(nameof(t));
        return Typed(v, t);
    }

    private Array Typed(NcVariable v, long record)
    {
        var n = checked((int)Header.ValuesPerSlab(v));
        var size = NcHeader.SizeOf(v.Type);
        var raw = new byte[n * size];
        _fs.Position = v.Begin + (Header.IsRecordVariable(v) ? record * Header.RecordSize : 0);
        _fs.ReadExactly(raw);
        Array result = v.Type switch
        {
            NcType.Float => new float[n], NcType.Double => new double[n], NcType.Int => new int[n], NcType.Short => new short[n],
            NcType.Byte => new sbyte[n],
            _ => throw new NotSupportedException($"{_path}: reading {v.Type} data of {v.Name} is not supported"),
        };
        if (size > 1 && BitConverter.IsLittleEndian)   // NetCDF is big-endian
            for (var i = 0; i < n; i++) raw.AsSpan(i * size, size).Reverse();
        System.Buffer.BlockCopy(raw, 0, result, 0, raw.Length);
        return result;
    }

    private double[] ReadSlab(NcVariable v, long record, bool mask)
    {
        var n = checked((int)Header.ValuesPerSlab(v));
        var size = NcHeader.SizeOf(v.Type);
        var raw = new byte[n * size];
        _fs.Position = v.Begin + (Header.IsRecordVariable(v) ? record * Header.RecordSize : 0);
        _fs.ReadExactly(raw);
        var fill = mask ? v.Attribute("_FillValue")?.AsDoubles().FirstOrDefault() : null;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = raw.AsSpan(i * size);
            double x = v.Type switch
            {
                NcType.Float => BinaryPrimitives.ReadSingleBigEndian(s),
                NcType.Double => BinaryPrimitives.ReadDoubleBigEndian(s),
                NcType.Int => BinaryPrimitives.ReadInt32BigEndian(s),
                NcType.Short => BinaryPrimitives.ReadInt16BigEndian(s),
                NcType.Byte => unchecked((sbyte)s[0]),
                _ => throw new NotSupportedException($"{_path}: reading {v.Type} data of {v.Name} is not supported"),
            };
            // Compare in the variable's own type so a float fill (-9999f) matches exactly.
            result[i] = fill is double f && (v.Type == NcType.Float ? (float)x == (float)f : x == f) ? double.NaN : x;
        }
        return result;
    }

    public void Dispose() => _fs.Dispose();
}
