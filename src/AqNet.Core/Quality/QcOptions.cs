using AqNet.Core.Data;

namespace AqNet.Core.Quality;

/// <summary>Thresholds of <see cref="QualityControl"/>; the defaults are documented in docs/quality-control.md.</summary>
public sealed record QcOptions
{
    /// <summary>Inclusive physical bounds per variable, in AqNet units (µg/m³ for all pollutants including CO).</summary>
    public IReadOnlyDictionary<string, (double Min, double Max)> Bounds { get; init; } = new Dictionary<string, (double, double)>
    {
        [Variables.Pm25] = (0, 1500),
        [Variables.Pm10] = (0, 5000),    // dust storms exceed 3000 µg/m³ hourly in northern China
        [Variables.So2] = (0, 3000),
        [Variables.No2] = (0, 1000),
        [Variables.Co] = (0, 50_000),    // 50 mg/m³
        [Variables.O3] = (0, 1000),
        [Variables.Temp] = (-60, 60),    // °C
        [Variables.Pres] = (500, 1100),  // hPa; 500 admits the Tibetan plateau
        [Variables.Dewp] = (-70, 40),    // °C
        [Variables.Rain] = (0, 200),     // mm in one hour
        [Variables.Wspm] = (0, 75),      // m/s
        [Variables.Wd] = (0, 360),       // degrees
    };

    /// <summary>Spike window: the neighbours are the observed hours t−n..t−1 and t+1..t+n.</summary>
    public int SpikeHalfWindow { get; init; } = 6;

    /// <summary>Observed neighbours needed on EACH side before a value can be called a spike.</summary>
    public int SpikeMinNeighboursPerSide { get; init; } = 2;

    /// <summary>A spike exceeds the neighbours' median by more than K robust spreads.</summary>
    public double SpikeK { get; init; } = 6;

    /// <summary>Smallest robust spread per variable (keeps flat, clean periods from making every wiggle a spike).
    /// Variables not listed here are not spike-tested (RAIN is intermittent by nature, WD is circular).</summary>
    public IReadOnlyDictionary<string, double> SpikeMinSpread { get; init; } = new Dictionary<string, double>
    {
        [Variables.Pm25] = 10, [Variables.Pm10] = 20, [Variables.So2] = 5, [Variables.No2] = 10,
        [Variables.Co] = 200, [Variables.O3] = 15, [Variables.Temp] = 1, [Variables.Pres] = 1,
        [Variables.Dewp] = 1, [Variables.Wspm] = 1,
    };

    /// <summary>Identical values in at least this many consecutive observed hours form a constant run.</summary>
    public int ConstantRunHours { get; init; } = 24;

    /// <summary>Runs at a value ≤ this floor are not flagged, per variable: zero rain is the normal state, and
    /// readings at an instrument's detection limit repeat legitimately when published as integers (UCI and
    /// BJMEMC SO2 sits at 2 µg/m³ for days in clean summer air). µg/m³ for pollutants, mm for rain.</summary>
    public IReadOnlyDictionary<string, double> ConstantRunFloor { get; init; } = new Dictionary<string, double>
    {
        [Variables.Rain] = 0, [Variables.Pm25] = 3, [Variables.Pm10] = 5, [Variables.So2] = 3,
        [Variables.No2] = 2, [Variables.O3] = 2, [Variables.Co] = 100,
    };

    /// <summary>PM2.5 is flagged against PM10 when PM2.5 &gt; PM10 + this (µg/m³).</summary>
    public double Pm25AbovePm10Tolerance { get; init; }

    public static QcOptions Default { get; } = new();
}
