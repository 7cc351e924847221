using AqNet.Core.NetCdf;

namespace AqNet.Cli.Tests;

/// <summary>Bitwise comparison of NetCDF variables, for the tests that check a sharded run against the single one.</summary>
internal static class NetCdfAssert
{
    /// <summary>Asserts that <paramref name="variable"/> holds the same bytes in both files; the message counts the
    /// differing values of a float variable.</summary>
    public static void SameBytes(NetCdfReader expected, NetCdfReader actual, string variable)
    {
        var (x, y) = (expected.Raw(variable), actual.Raw(variable));
        Assert.Equal(x.Length, y.Length);
        var (bx, by) = (new byte[Buffer.ByteLength(x)], new byte[Buffer.ByteLength(y)]);
        Buffer.BlockCopy(x, 0, bx, 0, bx.Length);
        Buffer.BlockCopy(y, 0, by, 0, by.Length);
        if (bx.AsSpan().SequenceEqual(by)) return;
        var differ = x is float[] fx && y is float[] fy
            ? $" ({fx.Where((f, i) => BitConverter.SingleToInt32Bits(f) != BitConverter.SingleToInt32Bits(fy[i])).Count()} of {x.Length} values)"
            : "";
        Assert.Fail($"{variable} differs from the single run{differ}");
    }
}
