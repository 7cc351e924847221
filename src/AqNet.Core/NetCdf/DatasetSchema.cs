namespace AqNet.Core.NetCdf;

/// <summary>A dimension. Unlimited marks NetCDF's record dimension (at most one, and then the first dimension of every
/// variable that uses it); Zarr treats it as an ordinary dimension. Its length is known when the file is created.</summary>
public sealed record DsDimension(string Name, int Length, bool Unlimited = false);

/// <summary>A variable: external type, dimension names (outermost first) and attributes. Small variables (coordinates,
/// bounds, labels) carry their <see cref="Data"/>, written when the file is created: sbyte[], short[], int[], float[] or
/// double[] row-major, or for <see cref="NcType.Char"/> a string[] with one string per element of all dimensions but the
/// last (the string length; UTF-8, zero-padded). Large variables are written later through <see cref="DatasetWriter"/>.
/// Elements never written read as the _FillValue attribute, else as NetCDF's default fill of the type.</summary>
public sealed record DsVariable(string Name, NcType Type, IReadOnlyList<string> Dims, IReadOnlyList<NcAttribute> Attributes)
{
    public Array? Data { get; init; }

    /// <summary>Zarr chunk length along the second-to-last dimension (the last is never split); outer dimensions get
    /// chunks of 1. Null: about 2^20 values per chunk.</summary>
    public int? ChunkRows { get; init; }

    public NcAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>The _FillValue as a double, or null.</summary>
    public double? FillValue => Attribute("_FillValue") is { } a ? a.AsDoubles()[0] : null;
}

/// <summary>Dimensions, variables and global attributes of a file, independent of the format (NetCDF classic or Zarr).</summary>
public sealed record DatasetSchema(IReadOnlyList<DsDimension> Dimensions, IReadOnlyList<DsVariable> Variables, IReadOnlyList<NcAttribute> Globals)
{
    public DsDimension Dimension(string name) => Dimensions.FirstOrDefault(d => d.Name == name)
        ?? throw new KeyNotFoundException($"no dimension '{name}' (have: {string.Join(", ", Dimensions.Select(d => d.Name))})");

    public DsVariable Variable(string name) => Variables.FirstOrDefault(v => v.Name == name)
        ?? throw new ArgumentException($"no variable '{name}' (have: {string.Join(", ", Variables.Select(v => v.Name))})", nameof(name));

    public int[] Shape(DsVariable v) => [.. v.Dims.Select(d => Dimension(d).Length)];

    /// <summary>Elements of the variable (the product of its dimensions; 1 for a scalar).</summary>
    public long Count(DsVariable v) => v.Dims.Aggregate(1L, (n, d) => n * Dimension(d).Length);

    /// <summary>Portable names, unique; known dimensions; the unlimited dimension only first; Data of the right type and length.</summary>
    public void Validate()
    {
        foreach (var n in Dimensions.Select(d => d.Name).Concat(Variables.Select(v => v.Name))) NcNames.Check(n);
        Unique(Dimensions.Select(d => d.Name), "dimension");
        Unique(Variables.Select(v => v.Name), "variable");
        if (Dimensions.Count(d => d.Unlimited) > 1) throw new ArgumentException("at most one unlimited dimension");
        foreach (var d in Dimensions)
            if (d.Length < 0) throw new ArgumentException($"dimension {d.Name} has negative length {d.Length}");
        foreach (var v in Variables)
        {
            foreach (var d in v.Dims) Dimension(d);
            for (var i = 1; i < v.Dims.Count; i++)
                if (Dimension(v.Dims[i]).Unlimited) throw new ArgumentException($"{v.Name}: the unlimited dimension {v.Dims[i]} must come first");
            if (v.Type == NcType.Char && v.Dims.Count == 0) throw new ArgumentException($"{v.Name}: a char variable needs a string-length dimension");
            if (v.Attribute("_FillValue") is { } fill && fill.Type != v.Type) throw new ArgumentException($"{v.Name}: _FillValue must have the variable's type {v.Type}");
            if (v.Data is null) continue;
            var expected = v.Type == NcType.Char ? Count(v) / Math.Max(1, Dimension(v.Dims[^1]).Length) : Count(v);
            if (!DatasetEncoding.Matches(v.Type, v.Data.GetType().GetElementType()!) || v.Data.Length != expected)
                throw new ArgumentException($"{v.Name}: Data must be {expected} values of {v.Type}, got {v.Data.Length} of {v.Data.GetType().GetElementType()!.Name}");
        }
    }

    private static void Unique(IEnumerable<string> names, string what)
    {
        var dup = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"{what} '{dup.Key}' is defined twice");
    }
}
