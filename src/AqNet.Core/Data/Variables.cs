namespace AqNet.Core.Data;

/// <summary>The variables AqNet knows. Pollutants are in µg/m³, including CO: UCI publishes CO in µg/m³,
/// CNEMC and BJMEMC publish mg/m³, and their importers multiply by 1000 so one unit holds everywhere.</summary>
public static class Variables
{
    public const string Pm25 = "PM2.5";
    public const string Pm10 = "PM10";
    public const string So2 = "SO2";
    public const string No2 = "NO2";
    public const string Co = "CO";
    public const string O3 = "O3";
    public const string Temp = "TEMP";   // °C
    public const string Pres = "PRES";   // hPa
    public const string Dewp = "DEWP";   // °C
    public const string Rain = "RAIN";   // mm per hour
    public const string Wspm = "WSPM";   // m/s
    public const string Wd = "WD";       // wind direction, degrees clockwise from north (direction wind comes from)

    /// <summary>The six pollutants, in the order the paper and the UCI files use.</summary>
    public static readonly IReadOnlyList<string> Pollutants = [Pm25, Pm10, So2, No2, Co, O3];

    public static readonly IReadOnlyList<string> Meteorology = [Temp, Pres, Dewp, Rain, Wspm, Wd];

    public static readonly IReadOnlyList<string> All = [.. Pollutants, .. Meteorology];

    public static string Unit(string variable) => variable switch
    {
        Pm25 or Pm10 or So2 or No2 or Co or O3 => "µg/m³",
        Temp or Dewp => "°C",
        Pres => "hPa",
        Rain => "mm",
        Wspm => "m/s",
        Wd => "degree",
        _ => throw new ArgumentOutOfRangeException(nameof(variable), variable, "unknown variable; expected one of " + string.Join(", ", All)),
    };

    public static bool IsKnown(string variable) => All.Contains(variable);

    /// <summary>The index of a variable in <see cref="All"/>, or a clear error.</summary>
    public static int IndexOf(string variable)
    {
        for (var i = 0; i < All.Count; i++)
            if (All[i] == variable) return i;
        throw new InputException($"unknown variable '{variable}'; expected one of {string.Join(", ", All)}");
    }
}
