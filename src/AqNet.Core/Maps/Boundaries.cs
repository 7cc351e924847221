using System.Buffers.Binary;
using System.Reflection;
using System.Text;

namespace AqNet.Core.Maps;

public enum BoundaryKind : byte { Country = 0, Province = 1 }

/// <summary>One boundary polyline (country border/coastline or province border), degrees east / north.</summary>
public sealed record BoundaryLine(BoundaryKind Kind, float[] Lons, float[] Lats);

/// <summary>A lon/lat box in degrees (west, south, east, north); may not cross the antimeridian.</summary>
public readonly record struct GeoBox(double LonMin, double LatMin, double LonMax, double LatMax)
{
    public bool Contains(double lon, double lat) => lon >= LonMin && lon <= LonMax && lat >= LatMin && lat <= LatMax;
}

/// <summary>Country and province lines from Natural Earth (public domain) in the project's compact format, made by
/// tools/boundaries/convert.py: ASCII header lines ending with "END", then little-endian int32 count and per line
/// uint8 kind, int32 n, n × (float32 lon, float32 lat). See docs/maps.md for sources and licences.</summary>
public sealed class Boundaries
{
    /// <summary>Manifest name when embedded with LogicalName as in docs/maps.md.</summary>
    public const string ResourceName = "AqNet.Core.Resources.boundaries.bin";

    public IReadOnlyList<BoundaryLine> Lines { get; }

    /// <summary>The header text: format version, sources, licences.</summary>
    public IReadOnlyList<string> Header { get; }

    private Boundaries(IReadOnlyList<string> header, IReadOnlyList<BoundaryLine> lines) => (Header, Lines) = (header, lines);

    public static Boundaries Load(string path)
    {
        using var fs = File.OpenRead(path);
        return Load(fs, path);
    }

    public static Boundaries Load(Stream stream, string name)
    {
        var r = new BinaryReader(stream, Encoding.ASCII);
        var header = new List<string>();
        for (string line; (line = ReadLine(r)) != "END";) header.Add(line);
        if (header.Count == 0 || header[0] != "AQNET-BOUNDARIES 1") throw new InvalidDataException($"{name}: not an AqNet boundaries file");
        var n = BinaryPrimitives.ReadInt32LittleEndian(r.ReadBytes(4));
        var lines = new List<BoundaryLine>(n);
        for (var k = 0; k < n; k++)
        {
            var kind = (BoundaryKind)r.ReadByte();
            var m = BinaryPrimitives.ReadInt32LittleEndian(r.ReadBytes(4));
            var raw = r.ReadBytes(8 * m);
            if (raw.Length != 8 * m) throw new InvalidDataException($"{name}: truncated at line {k}");
            var lons = new float[m];
            var lats = new float[m];
            for (var i = 0; i < m; i++)
            {
                lons[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(8 * i));
                lats[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(8 * i + 4));
            }
            lines.Add(new BoundaryLine(kind, lons, lats));
        }
        return new Boundaries(header, lines);
    }

    /// <summary>The shipped boundaries: the embedded resource, else Resources/boundaries.bin beside the assembly.
    /// Null when neither is there (maps are then drawn without boundaries).</summary>
    public static Boundaries? Default() => DefaultLazy.Value;

    private static readonly Lazy<Boundaries?> DefaultLazy = new(() =>
    {
        var asm = typeof(Boundaries).Assembly;
        using (var s = asm.GetManifestResourceStream(ResourceName))
            if (s is not null) return Load(s, ResourceName);
        var file = Path.Combine(AppContext.BaseDirectory, "Resources", "boundaries.bin");
        return File.Exists(file) ? Load(file) : null;
    });

    /// <summary>The parts of the lines near the box: runs of segments whose extent meets it, so a long straight
    /// segment crossing the view is kept even when both its ends are outside; the plot clips the rest. Skipping whole
    /// lines by their extent keeps a city-scale map fast.</summary>
    public IEnumerable<BoundaryLine> Within(GeoBox box)
    {
        foreach (var l in Lines)
        {
            if (l.Lons.Max() < box.LonMin || l.Lons.Min() > box.LonMax || l.Lats.Max() < box.LatMin || l.Lats.Min() > box.LatMax) continue;
            var start = -1; // first point of the current run of kept segments
            for (var i = 0; i < l.Lons.Length; i++)
            {
                var keep = i + 1 < l.Lons.Length && SegmentMeets(box, l, i);
                if (keep && start < 0) start = i;
                if (!keep && start >= 0)
                {
                    yield return new BoundaryLine(l.Kind, l.Lons[start..(i + 1)], l.Lats[start..(i + 1)]);
                    start = -1;
                }
            }
        }
    }

    private static bool SegmentMeets(GeoBox b, BoundaryLine l, int i) =>
        Math.Max(l.Lons[i], l.Lons[i + 1]) >= b.LonMin && Math.Min(l.Lons[i], l.Lons[i + 1]) <= b.LonMax &&
        Math.Max(l.Lats[i], l.Lats[i + 1]) >= b.LatMin && Math.Min(l.Lats[i], l.Lats[i + 1]) <= b.LatMax;

    private static string ReadLine(BinaryReader r)
    {
        var sb = new StringBuilder();
        for (int c; (c = r.BaseStream.ReadByte()) != '\n';)
        {
            if (c < 0) throw new InvalidDataException("boundaries header has no END line");
            sb.Append((char)c);
        }
        return sb.ToString();
    }
}
