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
}
