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

    /// <summary>Units of the values per variable ("*" = every variable not named); converted to µg/m³ on reading.
    /// Absent = µg/m³.</summary>
    public IReadOnlyDictionary<string, ConcentrationUnit> Units { get; init; } = new Dictionary<string, ConcentrationUnit>();

    /// <summary>The factor to µg/m³ for a variable's values.</summary>
    public double UnitFactor(string variable) =>
        Units.TryGetValue(variable, out var u) || Units.TryGetValue("*", out u) ? ConcentrationUnits.Factor(variable, u) : 1;

    /// <summary>Instrument (e.g. EPA "poc"); several instruments at one site are reconciled (lowest first, see LongImporter).</summary>
    public string? InstrumentColumn { get; init; }

    /// <summary>A column giving each row's unit (ppb, ppm, µg/m³, mg/m³, ug.m-3, ...); it overrides <see cref="Units"/>.</summary>
    public string? UnitColumn { get; init; }

    /// <summary>Names of the variable column's values mapped to AqNet's variables (OpenAQ pm25 → PM2.5; EEA 6001 → PM2.5).</summary>
    public IReadOnlyDictionary<string, string> VariableNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Rows of a variable AqNet does not store (e.g. OpenAQ's temperature or pm1) are skipped and counted in a
    /// note instead of refused.</summary>
    public bool SkipOtherVariables { get; init; }

    /// <summary>Coordinates given on each row (OpenAQ): a station's first row with them places it when no station list does.</summary>
    public string? LongitudeColumn { get; init; }
    public string? LatitudeColumn { get; init; }

    /// <summary>A validity code column: values whose code is not in <see cref="ValidCodes"/> are stored as missing (counted).</summary>
    public string? ValidityColumn { get; init; }
    public IReadOnlySet<string> ValidCodes { get; init; } = new HashSet<string>();

    /// <summary>Only rows whose column has this value are read (EEA: AggType = hour); the others are skipped and counted.</summary>
    public RowFilter? KeepOnly { get; init; }

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

    private static readonly Dictionary<string, string> OpenAqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pm25"] = AqNet.Core.Data.Variables.Pm25, ["pm10"] = AqNet.Core.Data.Variables.Pm10, ["no2"] = AqNet.Core.Data.Variables.No2,
        ["so2"] = AqNet.Core.Data.Variables.So2, ["o3"] = AqNet.Core.Data.Variables.O3, ["co"] = AqNet.Core.Data.Variables.Co,
    };

    /// <summary>OpenAQ's archive on AWS (records/csv.gz/locationid=…/location-ID-YYYYMMDD.csv.gz):
    /// <c>location_id,sensors_id,location,datetime,lat,lon,parameter,units,value</c>; datetime is ISO 8601 with its offset
    /// (the end of the hour); parameter pm25, pm10, no2, so2, o3, co (others skipped); units per row (µg/m³, ppm, ppb);
    /// each sensor an instrument (several at one location reconciled); coordinates on each row.</summary>
    public static LongFormatOptions OpenAq { get; } = new()
    {
        StationColumn = "location_id", TimeColumn = "datetime", TimeFormat = "yyyy-MM-dd HH:mm:ssK", ValueColumn = "value",
        VariableColumn = "parameter", VariableNames = OpenAqNames, SkipOtherVariables = true, UnitColumn = "units",
        InstrumentColumn = "sensors_id", LongitudeColumn = "lon", LatitudeColumn = "lat",
        StationsIdColumn = "location_id", StationsLongitudeColumn = "lon", StationsLatitudeColumn = "lat", StationsNameColumn = "location",
    };

    /// <summary>OpenAQ's older (API v1/v2) CSV: <c>location,city,country,utc,local,parameter,value,unit,latitude,longitude</c>;
    /// utc is ISO 8601 with Z; the station id is the location name.</summary>
    public static LongFormatOptions OpenAqV2 { get; } = new()
    {
        StationColumn = "location", TimeColumn = "utc", TimeFormat = "yyyy-MM-ddTHH:mm:ss", ValueColumn = "value",
        VariableColumn = "parameter", VariableNames = OpenAqNames, SkipOtherVariables = true, UnitColumn = "unit",
        LongitudeColumn = "longitude", LatitudeColumn = "latitude",
        StationsIdColumn = "location", StationsCityColumn = "city", StationsProvinceColumn = "country",
    };

    /// <summary>The EEA air quality download service (Parquet files saved as CSV, or its CSV):
    /// <c>Samplingpoint,Pollutant,Start,End,Value,Unit,AggType,Validity,Verification,...</c>. Pollutant is the EEA code
    /// (1 SO2, 5 PM10, 6001 PM2.5, 7 O3, 8 NO2, 10 CO; others skipped); End is the end of the hour, in UTC+1 (the EEA's
    /// reporting time for hourly data; --time-zone overrides); only AggType hour is read; Validity 1, 2, 3 or 4 is valid,
    /// other codes (-1, -99) are stored as missing; Unit per row (ug.m-3, mg.m-3). The station is the sampling point;
    /// its coordinates come from the EEA's station metadata given with --stations (Sampling Point Id, Longitude, Latitude).</summary>
    public static LongFormatOptions Eea { get; } = new()
    {
        StationColumn = "Samplingpoint", TimeColumn = "End", TimeFormat = "yyyy-MM-dd HH:mm:ss", TimeZone = "+1", ValueColumn = "Value",
        VariableColumn = "Pollutant", SkipOtherVariables = true, UnitColumn = "Unit",
        VariableNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["1"] = AqNet.Core.Data.Variables.So2, ["5"] = AqNet.Core.Data.Variables.Pm10, ["6001"] = AqNet.Core.Data.Variables.Pm25,
            ["7"] = AqNet.Core.Data.Variables.O3, ["8"] = AqNet.Core.Data.Variables.No2, ["10"] = AqNet.Core.Data.Variables.Co,
        },
        ValidityColumn = "Validity", ValidCodes = new HashSet<string>(["1", "2", "3", "4"], StringComparer.Ordinal),
        KeepOnly = new RowFilter("AggType", "hour"),
        StationsIdColumn = "Sampling Point Id", StationsLongitudeColumn = "Longitude", StationsLatitudeColumn = "Latitude",
        StationsNameColumn = "Air Quality Station Name",
    };

    /// <summary>The presets by name (<c>--preset</c>).</summary>
    public static IReadOnlyDictionary<string, LongFormatOptions> Presets { get; } = new Dictionary<string, LongFormatOptions>(StringComparer.OrdinalIgnoreCase)
    {
        ["epa"] = Epa, ["openaq"] = OpenAq, ["openaq-v2"] = OpenAqV2, ["eea"] = Eea,
    };
}

/// <summary>Keep only rows whose <paramref name="Column"/> is <paramref name="Value"/> (case-insensitive).</summary>
public sealed record RowFilter(string Column, string Value);
