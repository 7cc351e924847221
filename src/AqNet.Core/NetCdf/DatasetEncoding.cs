using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AqNet.Core.NetCdf;

/// <summary>Values to bytes for both formats: big-endian for NetCDF classic, little-endian for Zarr. Float and double
/// NaN become the variable's _FillValue when it has one (the writers' contract: NaN in, fill on disk).</summary>
internal static class DatasetEncoding
{
    /// <summary>NetCDF's default fill values (netcdf.h), used for elements never written when a variable has no _FillValue.</summary>
    public static double DefaultFill(NcType t) => t switch
    {
        NcType.Byte => -127,
        NcType.Char => 0,
        NcType.Short => -32767,
        NcType.Int => -2147483647,
        NcType.Float => 9.9692099683868690e+36f,
        NcType.Double => 9.9692099683868690e+36,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static bool Matches(NcType t, Type element) => t switch
    {
        NcType.Byte => element == typeof(sbyte),
        NcType.Char => element == typeof(string),
        NcType.Short => element == typeof(short),
        NcType.Int => element == typeof(int),
        NcType.Float => element == typeof(float),
        NcType.Double => element == typeof(double),
        _ => false,
    };

    /// <summary>One element of fill: the variable's _FillValue, else the type's default fill.</summary>
    public static byte[] FillBytes(DsVariable v, bool bigEndian)
    {
        var f = v.FillValue ?? DefaultFill(v.Type);
        var b = new byte[NcHeader.SizeOf(v.Type)];
        switch (v.Type)
        {
            case NcType.Byte: b[0] = unchecked((byte)(sbyte)f); break;
            case NcType.Char: b[0] = (byte)f; break;
            case NcType.Short: if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(b, (short)f); else BinaryPrimitives.WriteInt16LittleEndian(b, (short)f); break;
            case NcType.Int: if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(b, (int)f); else BinaryPrimitives.WriteInt32LittleEndian(b, (int)f); break;
            case NcType.Float: if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(b, (float)f); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)f); break;
            case NcType.Double: if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(b, f); else BinaryPrimitives.WriteDoubleLittleEndian(b, f); break;
        }
        return b;
    }

    /// <summary>Encodes values of the variable's type into dst (values.Length × element size bytes).</summary>
    public static void Encode<T>(DsVariable v, ReadOnlySpan<T> values, Span<byte> dst, bool bigEndian) where T : unmanaged
    {
        if (!Matches(v.Type, typeof(T))) throw new ArgumentException($"{v.Name} is {v.Type}; got {typeof(T).Name} values");
        var fill = v.FillValue;
        if (typeof(T) == typeof(float))
        {
            var f = MemoryMarshal.Cast<T, float>(values);
            var fv = (float)(fill ?? float.NaN);
            for (var i = 0; i < f.Length; i++)
            {
                var x = float.IsNaN(f[i]) && fill is not null ? fv : f[i];
                if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(dst[(4 * i)..], x); else BinaryPrimitives.WriteSingleLittleEndian(dst[(4 * i)..], x);
            }
        }
        else if (typeof(T) == typeof(double))
        {
            var d = MemoryMarshal.Cast<T, double>(values);
            for (var i = 0; i < d.Length; i++)
            {
                var x = double.IsNaN(d[i]) && fill is { } fv ? fv : d[i];
                if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(dst[(8 * i)..], x); else BinaryPrimitives.WriteDoubleLittleEndian(dst[(8 * i)..], x);
            }
        }
        else if (typeof(T) == typeof(sbyte)) MemoryMarshal.AsBytes(values).CopyTo(dst);
        else if (typeof(T) == typeof(short))
        {
            var s = MemoryMarshal.Cast<T, short>(values);
            for (var i = 0; i < s.Length; i++)
                if (bigEndian) BinaryPrimitives.WriteInt16BigEndian(dst[(2 * i)..], s[i]); else BinaryPrimitives.WriteInt16LittleEndian(dst[(2 * i)..], s[i]);
        }
        else if (typeof(T) == typeof(int))
        {
            var s = MemoryMarshal.Cast<T, int>(values);
            for (var i = 0; i < s.Length; i++)
                if (bigEndian) BinaryPrimitives.WriteInt32BigEndian(dst[(4 * i)..], s[i]); else BinaryPrimitives.WriteInt32LittleEndian(dst[(4 * i)..], s[i]);
        }
        else throw new ArgumentException($"unsupported element type {typeof(T).Name}");
    }

    /// <summary>A variable's Data as bytes: strings UTF-8 and zero-padded to the string length (the last dimension).</summary>
    public static byte[] EncodeData(DatasetSchema schema, DsVariable v, bool bigEndian)
    {
        var data = v.Data ?? throw new ArgumentException($"{v.Name} has no Data");
        if (data is string[] strings)
        {
            var len = schema.Dimension(v.Dims[^1]).Length;
            var bytes = new byte[strings.Length * len];
            for (var i = 0; i < strings.Length; i++)
            {
                var b = Encoding.UTF8.GetBytes(strings[i]);
                if (b.Length > len) throw new ArgumentException($"{v.Name}[{i}] '{strings[i]}' is longer than {len} bytes");
                b.CopyTo(bytes, i * len);
            }
            return bytes;
        }
        var size = NcHeader.SizeOf(v.Type);
        var result = new byte[data.Length * size];
        switch (data)
        {
            case sbyte[] a: Encode<sbyte>(v, a, result, bigEndian); break;
            case short[] a: Encode<short>(v, a, result, bigEndian); break;
            case int[] a: Encode<int>(v, a, result, bigEndian); break;
            case float[] a: Encode<float>(v, a, result, bigEndian); break;
            case double[] a: Encode<double>(v, a, result, bigEndian); break;
            default: throw new ArgumentException($"{v.Name}: unsupported Data type {data.GetType().Name}");
        }
        return result;
    }
}
