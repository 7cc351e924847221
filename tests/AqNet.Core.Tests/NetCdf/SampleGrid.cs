using AqNet.Core.NetCdf;

namespace AqNet.Core.Tests.NetCdf;

/// <summary>A small deterministic grid file (3 times × 3 lats × 4 lons) with NaN cells and one slice left unwritten,
/// plus the values every reader of it must see.</summary>
internal sealed class SampleGrid
{
    public static readonly double[] Lats = [39.5, 40.0, 40.5];
    public static readonly double[] Lons = [116.0, 116.5, 117.0, 117.5];
    public static readonly DateTime[] Times =
        [new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc), new(2024, 1, 1, 2, 30, 0, DateTimeKind.Utc)];
    public const double Hours0 = 473352; // 2024-01-01T00Z in hours since 1970-01-01 (19723 days × 24)

    public int NT => Times.Length;
    public int Cells => Lats.Length * Lons.Length;

    /// <summary>pm25[t, i, j]: values not exact in decimal (0.1f) to catch any lossy step; NaN at t=1, (0,0) and (2,3).</summary>
    public static float Pm25(int t, int i, int j) =>
        t == 1 && ((i == 0 && j == 0) || (i == 2 && j == 3)) ? float.NaN : 10.25f * t + 1.5f * i + 0.1f * j + 3.3f;

    public static float Unc(int t, int i, int j) => 0.7f + 0.01f * (t * 100 + i * 10 + j);

    public static float Dist(int i, int j) => 2.5f * i + 0.3f * j;

    public static float[] Slice(Func<int, int, float> f) =>
        Enumerable.Range(0, Lats.Length).SelectMany(i => Enumerable.Range(0, Lons.Length).Select(j => f(i, j))).ToArray();

    /// <summary>Writes the file; pm25_uncertainty at t=2 is deliberately never written (must read as fill → NaN).</summary>
    public static void Write(string path)
    {
        using var w = NetCdfWriter.Create(path, Lats, Lons, Times,
            [GridVariable.Pm25(), GridVariable.Pm25Uncertainty(), GridVariable.DistanceToNearestStation()],
            new NetCdfGlobals("AqNet test grid", "AqNet unit test", "2024-01-02T00:00Z created by test", "Test Institute"));
        // Out of order on purpose: the writer must place slices by index, not by call order.
        foreach (var t in new[] { 2, 0, 1 }) w.WriteTimeSlice(t, "pm25", Slice((i, j) => Pm25(t, i, j)));
        for (var t = 0; t < 2; t++) w.WriteTimeSlice(t, "pm25_uncertainty", Slice((i, j) => Unc(t, i, j)));
        w.WriteStatic("distance_to_nearest_station", Slice(Dist));
        w.Complete();
    }

    public static float ExpectedUnc(int t, int i, int j) => t == 2 ? float.NaN : Unc(t, i, j);
}
