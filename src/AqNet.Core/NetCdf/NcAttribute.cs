using System.Text;

namespace AqNet.Core.NetCdf;

/// <summary>The classic-format external types; the numbers are the type tags written in the header.</summary>
public enum NcType { Byte = 1, Char = 2, Short = 3, Int = 4, Float = 5, Double = 6 }

/// <summary>One attribute of a variable or of the file: text (NC_CHAR, stored as UTF-8) or a numeric vector.
/// Value is a string, sbyte[], short[], int[], float[] or double[].</summary>
public sealed class NcAttribute
{
    public string Name { get; }
    public object Value { get; }
    public NcType Type { get; }

    private NcAttribute(string name, object value, NcType type, bool checkName = true)
    {
        if (checkName) NcNames.Check(name);
        Name = name;
        Value = value;
        Type = type;
    }

    public static NcAttribute Text(string name, string value) => new(name, value, NcType.Char);
    public static NcAttribute Bytes(string name, params sbyte[] values) => new(name, values, NcType.Byte);
    public static NcAttribute Shorts(string name, params short[] values) => new(name, values, NcType.Short);
    public static NcAttribute Ints(string name, params int[] values) => new(name, values, NcType.Int);
    public static NcAttribute Floats(string name, params float[] values) => new(name, values, NcType.Float);
    public static NcAttribute Doubles(string name, params double[] values) => new(name, values, NcType.Double);

    /// <summary>An attribute read from a file: its name is taken as it is, even if not portable.</summary>
    internal static NcAttribute FromFile(string name, object value, NcType type) => new(name, value, type, checkName: false);

    /// <summary>The text of a char attribute, else null.</summary>
    public string? AsText => Value as string;

    /// <summary>Element count as stored in the header (bytes for text).</summary>
    internal int Count => Value switch
    {
        string s => Encoding.UTF8.GetByteCount(s),
        Array a => a.Length,
        _ => throw new InvalidOperationException("unsupported attribute value"),
    };

    /// <summary>The value as doubles (numeric attributes only), for callers that don't care about the stored type.</summary>
    public double[] AsDoubles() => Value switch
    {
        sbyte[] b => b.Select(x => (double)x).ToArray(),
        short[] s => s.Select(x => (double)x).ToArray(),
        int[] i => i.Select(x => (double)x).ToArray(),
        float[] f => f.Select(x => (double)x).ToArray(),
        double[] d => (double[])d.Clone(),
        _ => throw new InvalidOperationException($"attribute {Name} is text, not numeric"),
    };

    public override string ToString() => Value is string s ? $"{Name} = \"{s}\"" :
        $"{Name} = [{string.Join(", ", AsDoubles().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]";
}

/// <summary>Name rules of the classic format, restricted to the portable subset (letters, digits, '_', '.', '-', '+', '@';
/// first character a letter or '_') so every reader and CDL tool accepts them without escaping.</summary>
internal static class NcNames
{
    public static void Check(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var ok = (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
                 name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+' or '@');
        if (!ok) throw new ArgumentException($"'{name}' is not a portable NetCDF name", nameof(name));
    }
}
