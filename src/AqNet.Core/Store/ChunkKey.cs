using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>A chunk is one UTC calendar month of one station's variable; StartHour is its first absolute hour.</summary>
internal readonly record struct ChunkKey(string Station, string Variable, int StartHour)
{
    /// <summary>The absolute hours [start, end) of the UTC month containing <paramref name="hour"/>.</summary>
    public static (int Start, int End) MonthOf(int hour)
    {
        var t = HourAxis.ToUtc(hour);
        var m = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (HourAxis.ToHour(m), HourAxis.ToHour(m.AddMonths(1)));
    }
}

/// <summary>A chunk's contents while merging: values (NaN = not observed) and QC flags per hour.</summary>
internal sealed class Chunk(int length)
{
    public float[] Values { get; } = Filled(length);
    public byte[] Flags { get; } = new byte[length];

    private static float[] Filled(int n)
    {
        var a = new float[n];
        Array.Fill(a, float.NaN);
        return a;
    }
}
