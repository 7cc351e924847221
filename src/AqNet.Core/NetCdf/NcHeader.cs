namespace AqNet.Core.NetCdf;

/// <summary>A dimension; the record (unlimited) dimension is stored with length 0 and its current length is NumRecs.</summary>
public sealed record NcDimension(string Name, int Length, bool IsRecord);

/// <summary>A variable as described in the header. VSize is bytes per record for record variables, else the total
/// bytes (both padded to 4); Begin is the file offset of its first value.</summary>
public sealed record NcVariable(string Name, int[] DimIds, IReadOnlyList<NcAttribute> Attributes, NcType Type, long VSize, long Begin)
{
    public NcAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);
}

/// <summary>Everything in a classic (CDF-1) or 64-bit-offset (CDF-2) header.</summary>
public sealed record NcHeader(int Version, long NumRecs, IReadOnlyList<NcDimension> Dimensions,
    IReadOnlyList<NcAttribute> GlobalAttributes, IReadOnlyList<NcVariable> Variables)
{
    public NcVariable Variable(string name) => Variables.FirstOrDefault(v => v.Name == name)
        ?? throw new KeyNotFoundException($"no variable '{name}' (have: {string.Join(", ", Variables.Select(v => v.Name))})");

    public NcAttribute? GlobalAttribute(string name) => GlobalAttributes.FirstOrDefault(a => a.Name == name);

    public bool IsRecordVariable(NcVariable v) => v.DimIds.Length > 0 && Dimensions[v.DimIds[0]].IsRecord;

    /// <summary>Bytes of one record: the sum of the record variables' vsizes (the spec's "record size").</summary>
    public long RecordSize => Variables.Where(IsRecordVariable).Sum(v => v.VSize);

    /// <summary>Shape with the record dimension's current length (NumRecs) substituted.</summary>
    public long[] Shape(NcVariable v) =>
        v.DimIds.Select(id => Dimensions[id].IsRecord ? NumRecs : Dimensions[id].Length).ToArray();

    /// <summary>Values in one record (record variables) or in the whole variable (fixed ones).</summary>
    public long ValuesPerSlab(NcVariable v) =>
        v.DimIds.Skip(IsRecordVariable(v) ? 1 : 0).Aggregate(1L, (n, id) => n * Dimensions[id].Length);

    public static int SizeOf(NcType t) => t switch
    {
        NcType.Byte or NcType.Char => 1,
        NcType.Short => 2,
        NcType.Int or NcType.Float => 4,
        NcType.Double => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>The spec's vsize: values × size rounded up to a multiple of 4 bytes (the codec stores 2^32-1 when it
    /// does not fit 32 bits, as the spec says).</summary>
    public static long VSizeOf(long values, NcType t) => (values * SizeOf(t) + 3) / 4 * 4;
}
