using System.Buffers.Binary;

namespace AqNet.Viewer.Http;

/// <summary>A field on the wire: float32 little-endian, row-major [lat, lon] from the south-west cell, NaN where the
/// file has no value. A 150 × 80 grid is 48 kB per frame, read in the page with one Float32Array.</summary>
public static class FrameEncoding
{
    public static byte[] Encode(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
        return values;
    }
}
