namespace AqNet.Core.Quality;

/// <summary>Quality-control bits of one value. A flagged value is kept; users decide whether to use it.
/// See docs/quality-control.md for the exact rules.</summary>
[Flags]
public enum QcFlags : byte
{
    None = 0,
    /// <summary>Outside the physical bounds of its variable (negative concentrations included).</summary>
    OutOfBounds = 1,
    /// <summary>An isolated upward spike against the surrounding hours.</summary>
    Spike = 2,
    /// <summary>Part of a long run of identical consecutive values (stuck instrument).</summary>
    ConstantRun = 4,
    /// <summary>PM2.5 above PM10 at the same station and hour (both values get the flag).</summary>
    Pm25AbovePm10 = 8,
    /// <summary>Filled from a secondary instrument at the site (set by the importer, kept by QC).</summary>
    Reconciled = 16,
    /// <summary>An evaluation point of a published benchmark (AQI-36: observed in the ground truth, emptied in the
    /// benchmark's input). Set by the importer, kept by QC; it says nothing about the value's quality, so counts of
    /// flagged values leave it out.</summary>
    BenchmarkPoint = 32,
}

public static class QcFlagBits
{
    /// <summary>Bits set by importers, which quality control keeps when it recomputes its own.</summary>
    public const byte Importer = (byte)(QcFlags.Reconciled | QcFlags.BenchmarkPoint);

    /// <summary>True when the bits say something about the value's quality (every bit but <see cref="QcFlags.BenchmarkPoint"/>).</summary>
    public static bool IsQualityFlagged(byte flags) => (flags & ~(byte)QcFlags.BenchmarkPoint) != 0;

    /// <summary>[hour · S + station]: true where the panel observed variable <paramref name="v"/> and quality control did
    /// not flag the value, the cells that fillers and models read as inputs.</summary>
    public static bool[] Usable(Data.Panel panel, int v)
    {
        var (T, S) = (panel.Hours, panel.S);
        var usable = new bool[T * S];
        for (var t = 0; t < T; t++)
            for (var s = 0; s < S; s++)
            {
                var p = panel.Index(t, s, v);
                usable[t * S + s] = panel.Mask[p] && !IsQualityFlagged(panel.Flags[p]);
            }
        return usable;
    }
}
