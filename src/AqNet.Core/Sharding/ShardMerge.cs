using AqNet.Core.Data;
using AqNet.Core.NetCdf;

namespace AqNet.Core.Sharding;

/// <summary>`aqnet shards merge`: the NetCDF parts of a complete sharded reanalysis as one NetCDF file at --out, the
/// layout a single-process run writes: parts are placed along time (slices) and lat (bands of rows), the variables
/// without either come from the first part, and the coverage attributes span the whole grid and period. Memory holds one
/// row of one record at a time.</summary>
public static class ShardMerge
{
    public static string Run(string outPath, IProgress<string>? progress, CancellationToken ct)
    {
        var folder = new ShardFolder(outPath);
        var check = ShardVerify.Run(outPath, checksums: false);
        if (!check.Complete) throw new InputException($"cannot merge: not every shard is complete\n{check.Text(folder.Dir).TrimEnd()}");
        var m = check.Manifest;
        if (m.Job != "reanalyze" || m.Format != ".nc")
            throw new InputException($"{folder.Dir}: merging is for NetCDF reanalysis parts (this is {m.Job}, {m.Format}); open Zarr or fill parts with `{m.Open}`");
        var slices = m.Parts.Select(p => p.Slice).Distinct().Order().ToList();
        var groups = m.Parts.Select(p => p.Group).Distinct().Order().ToList();
        var readers = m.Parts.ToDictionary(p => (p.Slice, p.Group), p => NetCdfReader.Open(folder.PartPath(p.File)));
        try
        {
            var first = readers[(0, 0)].Header;
            int Len(NcHeader h, string dim) => h.Dimensions.First(d => d.Name == dim) is var d && d.IsRecord ? (int)h.NumRecs : d.Length;
            var t0 = Offsets(slices.Select(s => Len(readers[(s, 0)].Header, "time")));
            var r0 = Offsets(groups.Select(g => Len(readers[(0, g)].Header, "lat")));
            var dims = first.Dimensions.Select(d => new DsDimension(d.Name,
                d.Name == "time" ? t0[^1] : d.Name == "lat" ? r0[^1] : d.Length, d.IsRecord)).ToList();
            var vars = first.Variables.Select(v => new DsVariable(v.Name, v.Type, [.. v.DimIds.Select(i => first.Dimensions[i].Name)], v.Attributes)
            {
                Data = Fixed(v, first) ? readers[(0, 0)].Raw(v.Name)
                    : v.Type == NcType.Char ? slices.SelectMany(s => readers[(s, 0)].ReadStrings(v.Name)).ToArray() : null,
            }).ToList();
            var last = readers[(slices[^1], groups[^1])].Header;
            var globals = first.GlobalAttributes.Select(a => a.Name switch
            {
                "time_coverage_end" or "geospatial_lat_max" => last.GlobalAttribute(a.Name)!,
                _ => a,
            }).ToList();
            var schema = new DatasetSchema(dims, vars, globals);
            using var w = DatasetWriter.For(outPath, schema);
            foreach (var v in vars.Where(v => v.Data is null))
            {
                ct.ThrowIfCancellationRequested();
                var hasTime = v.Dims.Contains("time");
                var hasLat = v.Dims.Contains("lat");
                foreach (var ((s, g), r) in readers)
                {
                    if ((!hasTime && s != 0) || (!hasLat && g != 0)) continue;   // the same values in every slice / band
                    Copy(w, schema, v, r, hasTime ? t0[s] : 0, hasLat ? r0[g] : 0);
                }
                progress?.Report($"merged {v.Name}");
            }
            w.Complete();
        }
        finally { foreach (var r in readers.Values) r.Dispose(); }
        return $"merged {m.Parts.Count} parts of {folder.Dir} into {outPath}\n";
    }

    private static bool Fixed(NcVariable v, NcHeader h) => v.Type != NcType.Char && v.DimIds.All(i => h.Dimensions[i].Name is not ("time" or "lat"));

    private static int[] Offsets(IEnumerable<int> lengths)
    {
        var o = new List<int> { 0 };
        foreach (var l in lengths) o.Add(o[^1] + l);
        return [.. o];
    }

    /// <summary>Part r's values of v into the merged variable, record tOff + t and row rOff + j.</summary>
    private static void Copy(DatasetWriter w, DatasetSchema schema, DsVariable v, NetCdfReader r, int tOff, int rOff)
    {
        var h = r.Header;
        var nv = h.Variable(v.Name);
        var shape = h.Shape(nv);                       // the part's shape, records included
        var full = schema.Shape(v);
        var latAt = v.Dims.ToList().IndexOf("lat");
        var rec = v.Dims[0] == "time";
        var records = rec ? (int)shape[0] : 1;
        // Per record: the part's slab as rows of the lat axis (prefix × lat × suffix) placed at the merged offsets.
        long suffix = 1, fullSuffix = 1;
        for (var i = latAt + 1; i < shape.Length && latAt >= 0; i++) { suffix *= shape[i]; fullSuffix *= full[i]; }
        for (var t = 0; t < records; t++)
        {
            var slab = rec ? r.RawRecord(v.Name, t) : r.Raw(v.Name);
            var perRecordFull = full.Skip(rec ? 1 : 0).Aggregate(1L, (a, b) => a * b);
            var recStart = rec ? (tOff + t) * perRecordFull : 0;
            if (latAt < 0) { Write(w, v, recStart, slab, 0, slab.Length); continue; }
            var rows = (int)shape[latAt];
            var prefix = slab.Length / (rows * suffix);
            for (long p = 0; p < prefix; p++)
                for (var j = 0; j < rows; j++)
                    Write(w, v, recStart + (p * full[latAt] + rOff + j) * fullSuffix, slab, (p * rows + j) * suffix, (int)suffix);
        }
    }

    private static void Write(DatasetWriter w, DsVariable v, long at, Array data, long from, int count)
    {
        switch (data)
        {
            case float[] f: w.Write<float>(v.Name, at, f.AsSpan((int)from, count)); break;
            case double[] d: w.Write<double>(v.Name, at, d.AsSpan((int)from, count)); break;
            case short[] s: w.Write<short>(v.Name, at, s.AsSpan((int)from, count)); break;
            case int[] i: w.Write<int>(v.Name, at, i.AsSpan((int)from, count)); break;
            case sbyte[] b: w.Write<sbyte>(v.Name, at, b.AsSpan((int)from, count)); break;
            default: throw new NotSupportedException($"{v.Name}: {data.GetType().Name}");
        }
    }
}
