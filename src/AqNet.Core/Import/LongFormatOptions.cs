namespace AqNet.Core.Import;

/// <summary>Column mapping of a long table: one row per (station, [instrument,] time[, variable]) with one value.
/// Exactly one of <see cref="Variable"/> and <see cref="VariableColumn"/> is set.</summary>
public sealed record LongFormatOptions
{
    public string StationColumn { get; init; } = "station";
    public string TimeColumn { get; init; } = "time";

    /// <summary>A .NET custom date format, e.g. "yyyy-MM-dd HH:mm" (fast path) or "dd/MM/yyyy HH:mm". Times must be whole hours.</summary>
    public string TimeFormat { get; init; } = "yyyy-MM-dd HH:mm";

    /// <summary>"UTC", or a whole-hour offset of the file's times: "+8", "-5", "UTC+8".</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>A column giving each row's time zone in the same notation (e.g. a network spanning several zones);
    /// it overrides <see cref="TimeZone"/>, and each station's zone is recorded in the store.</summary>
    public string? TimeZoneColumn { get; init; }

    public string ValueColumn { get; init; } = "value";

    /// <summary>The variable of every value (one of <see cref="AqNet.Core.Data.Variables.All"/>).</summary>
    public string? Variable { get; init; }

    /// <summary>A column naming each row's variable instead of <see cref="Variable"/>.</summary>
    public string? VariableColumn { get; init; }

    /// <summary>Instrument (e.g. EPA "poc"); several instruments at one site are reconciled (lowest first, see LongImporter).</summary>
    /// <summary>Units of the values per variable ("*" = every variable not named); converted to µg/m³ on reading.
    /// Absent = µg/m³.</summary>
    public IReadOnlyDictionary<string, ConcentrationUnit> Units { get; init; } = new Dictionary<string, ConcentrationUnit>();

    /// <summary>The factor to µg/m³ for a variable's values.</summary>
    public double UnitFactor(string variable) =>
        Units.TryGetValue(variable, out var u) || Units.TryGetValue("*", out u) ? ConcentrationUnits.Factor(variable, u) : 1;

    public string? InstrumentColumn { get; init; }

    public char Delimiter { get; init; } = ',';

    /// <summary>Cell texts meaning "no value" (an explicit blank).</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = ["", "NA", "NaN"];

    // Stations file columns (ImportOptions.StationsFile). Several rows per station are allowed (first wins).
    public string StationsIdColumn { get; init; } = "station";
    public string StationsLongitudeColumn { get; init; } = "longitude";
    public string StationsLatitudeColumn { get; init; } = "latitude";
    public string? StationsNameColumn { get; init; }
    public string? StationsCityColumn { get; init; }
    public string? StationsProvinceColumn { get; init; }

    /// <summary>US EPA AQS hourly file <c>site_key,poc,datetime_utc,value,qualifier</c> (PM2.5, µg/m³, UTC) with
    /// sites.csv (<c>site_key,poc,state,county,...,lat,lon,...,utc_offset_h,...</c>).</summary>
    public static LongFormatOptions Epa { get; } = new()
    {
        StationColumn = "site_key",
        TimeColumn = "datetime_utc",
        TimeFormat = "yyyy-MM-dd HH:mm",
        TimeZone = "UTC",
        ValueColumn = "value",
        Variable = AqNet.Core.Data.Variables.Pm25,
        InstrumentColumn = "poc",
        StationsIdColumn = "site_key",
        StationsLongitudeColumn = "lon",
        StationsLatitudeColumn = "lat",
        StationsCityColumn = "county",
        StationsProvinceColumn = "state",
    };
}
