namespace AqNet.Core.Data;

/// <summary>Sizes in bytes as people type and read them: binary multiples (K = 1024).</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    /// <summary>"10G", "500M", "1.5T", "64K", "2048" (bytes); an optional "B" or "iB" after the letter is accepted.</summary>
    public static long Parse(string text, string option)
    {
        var t = text.Trim();
        if (t.EndsWith("iB", StringComparison.OrdinalIgnoreCase)) t = t[..^2];
        else if (t.Length > 1 && char.IsLetter(t[^2]) && (t[^1] is 'B' or 'b')) t = t[..^1];
        var exp = t.Length == 0 ? -1 : char.ToUpperInvariant(t[^1]) switch { 'K' => 1, 'M' => 2, 'G' => 3, 'T' => 4, 'P' => 5, _ => char.IsDigit(t[^1]) ? 0 : -1 };
        var number = exp > 0 ? t[..^1] : t;
        if (exp < 0 || !Fmt.TryParseDouble(number, out var v) || !(v > 0) || double.IsInfinity(v) || v * Math.Pow(1024, exp) > long.MaxValue / 2)
            throw new InputException($"{option} '{text}': expected a size such as 500M, 10G or 2T (binary multiples of bytes)");
        return (long)Math.Round(v * Math.Pow(1024, exp));
    }

    /// <summary>"1.5 GiB", "640 MiB", "12 B".</summary>
    public static string Format(long bytes)
    {
        double v = bytes;
        var u = 0;
        while (Math.Abs(v) >= 1024 && u < Units.Length - 1) { v /= 1024; u++; }
        return (u == 0 ? Fmt.D(v) : Fmt.F(v, v < 10 ? 2 : v < 100 ? 1 : 0)) + " " + Units[u];
    }
}

/// <summary>Memory the process may still use: the smaller of Linux's MemAvailable and the runtime's limit (which
/// honours container limits).</summary>
public static class MachineMemory
{
    public static long AvailableBytes()
    {
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line["MemAvailable:".Length..].Trim().Split(' ')[0], System.Globalization.NumberStyles.Integer, Fmt.Inv, out var kb))
                    return Math.Min(limit, kb * 1024);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return limit;
    }
}
