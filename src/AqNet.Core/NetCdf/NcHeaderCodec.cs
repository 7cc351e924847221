using System.Buffers.Binary;
using System.Text;

namespace AqNet.Core.NetCdf;

/// <summary>Reads and writes the header of the classic (CDF-1) and 64-bit-offset (CDF-2) formats as given by Unidata's
/// "NetCDF Classic Format Specification": all integers big-endian, names and values padded to 4 bytes, begin offsets
/// 4 bytes in CDF-1 and 8 in CDF-2.</summary>
internal static class NcHeaderCodec
{
    private const int Absent = 0, TagDimension = 0x0A, TagVariable = 0x0B, TagAttribute = 0x0C;

    public static byte[] Write(NcHeader h)
    {
        if (h.Version is not (1 or 2)) throw new ArgumentException("only CDF-1 and CDF-2 are written", nameof(h));
        using var ms = new MemoryStream();
        ms.Write("CDF"u8);
        ms.WriteByte((byte)h.Version);
        Int(ms, checked((int)h.NumRecs));
        List(ms, TagDimension, h.Dimensions, d => { Name(ms, d.Name); Int(ms, d.IsRecord ? 0 : d.Length); });
        Attributes(ms, h.GlobalAttributes);
        List(ms, TagVariable, h.Variables, v =>
        {
            Name(ms, v.Name);
            Int(ms, v.DimIds.Length);
            foreach (var id in v.DimIds) Int(ms, id);
            Attributes(ms, v.Attributes);
            Int(ms, (int)v.Type);
            Int(ms, v.VSize > uint.MaxValue ? -1 : unchecked((int)(uint)v.VSize));
            if (h.Version == 1) Int(ms, checked((int)v.Begin)); else Long(ms, v.Begin);
        });
        return ms.ToArray();
    }

    private static void List<T>(Stream s, int tag, IReadOnlyList<T> items, Action<T> each)
    {
        // An empty list is ABSENT: two zero words (tag and count).
        Int(s, items.Count == 0 ? Absent : tag);
        Int(s, items.Count);
        foreach (var x in items) each(x);
    }

    private static void Attributes(Stream s, IReadOnlyList<NcAttribute> atts) => List(s, TagAttribute, atts, a =>
    {
        Name(s, a.Name);
        Int(s, (int)a.Type);
        Int(s, a.Count);
        var bytes = new byte[(a.Count * NcHeader.SizeOf(a.Type) + 3) / 4 * 4]; // padded with zero bytes
        switch (a.Value)
        {
            case string t: Encoding.UTF8.GetBytes(t, bytes); break;
            case sbyte[] b: for (var i = 0; i < b.Length; i++) bytes[i] = unchecked((byte)b[i]); break;
            case short[] v: for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * i), v[i]); break;
            case int[] v: for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), v[i]); break;
            case float[] v: for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 * i), v[i]); break;
            case double[] v: for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(8 * i), v[i]); break;
        }
        s.Write(bytes);
    });

    private static void Name(Stream s, string name)
    {
        var b = Encoding.UTF8.GetBytes(name);
        Int(s, b.Length);
        s.Write(b);
        s.Write(new byte[(4 - b.Length % 4) % 4]);
    }

    private static void Int(Stream s, int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, v); s.Write(b); }

    private static void Long(Stream s, long v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteInt64BigEndian(b, v); s.Write(b); }

    /// <summary>Parses a header from the start of a stream; the stream is left just after it.</summary>
    public static NcHeader Read(Stream s, string path)
    {
        var r = new BinaryReader(s);
        var magic = r.ReadBytes(4);
        if (magic.Length < 4 || magic[0] != 'C' || magic[1] != 'D' || magic[2] != 'F' || magic[3] is not (1 or 2))
            throw new InvalidDataException($"{path}: not a classic or 64-bit-offset NetCDF file");
        int version = magic[3];
        var numRecs = (long)(uint)I(r); // 0xFFFFFFFF (streaming) is not produced by this project
        var dims = ReadList(r, TagDimension, () =>
        {
            var name = ReadName(r);
            var len = I(r);
            return new NcDimension(name, len, len == 0);
        });
        var globals = ReadAttributes(r);
        var vars = ReadList(r, TagVariable, () =>
        {
            var name = ReadName(r);
            var ids = Enumerable.Range(0, I(r)).Select(_ => I(r)).ToArray();
            var atts = ReadAttributes(r);
            var type = (NcType)I(r);
            var vsize = (long)(uint)I(r);
            var begin = version == 1 ? (long)(uint)I(r) : BinaryPrimitives.ReadInt64BigEndian(r.ReadBytes(8));
            return new NcVariable(name, ids, atts, type, vsize, begin);
        });
        var h = new NcHeader(version, numRecs, dims, globals, vars);
        // vsize is redundant and saturates at 2^32-1: recompute it from the shape, as the spec allows.
        return h with { Variables = vars.Select(v => v with { VSize = NcHeader.VSizeOf(h.ValuesPerSlab(v), v.Type) }).ToList() };
    }

    private static int I(BinaryReader r) => BinaryPrimitives.ReadInt32BigEndian(r.ReadBytes(4));

    private static List<T> ReadList<T>(BinaryReader r, int tag, Func<T> each)
    {
        var t = I(r);
        var n = I(r);
        if (t == Absent && n == 0) return [];
        if (t != tag) throw new InvalidDataException($"expected header tag {tag}, found {t}");
        return Enumerable.Range(0, n).Select(_ => each()).ToList();
    }

    private static List<NcAttribute> ReadAttributes(BinaryReader r) => ReadList(r, TagAttribute, () =>
    {
        var name = ReadName(r);
        var type = (NcType)I(r);
        var n = I(r);
        var raw = r.ReadBytes((n * NcHeader.SizeOf(type) + 3) / 4 * 4);
        object value = type switch
        {
            NcType.Char => Encoding.UTF8.GetString(raw, 0, n),
            NcType.Byte => raw.Take(n).Select(b => unchecked((sbyte)b)).ToArray(),
            NcType.Short => Enumerable.Range(0, n).Select(i => BinaryPrimitives.ReadInt16BigEndian(raw.AsSpan(2 * i))).ToArray(),
            NcType.Int => Enumerable.Range(0, n).Select(i => BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4 * i))).ToArray(),
            NcType.Float => Enumerable.Range(0, n).Select(i => BinaryPrimitives.ReadSingleBigEndian(raw.AsSpan(4 * i))).ToArray(),
            NcType.Double => Enumerable.Range(0, n).Select(i => BinaryPrimitives.ReadDoubleBigEndian(raw.AsSpan(8 * i))).ToArray(),
            _ => throw new InvalidDataException($"attribute {name}: unknown type {(int)type}"),
        };
        return NcAttribute.FromFile(name, value, type);
    });

    private static string ReadName(BinaryReader r)
    {
        var n = I(r);
        var b = r.ReadBytes((n + 3) / 4 * 4);
        return Encoding.UTF8.GetString(b, 0, n);
    }
}
