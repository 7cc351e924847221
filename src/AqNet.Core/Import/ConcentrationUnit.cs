using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>The unit a long table gives a pollutant in; AqNet stores µg/m³.</summary>
public enum ConcentrationUnit { UgM3, MgM3, Ppb, Ppm }

/// <summary>Conversions to µg/m³. Mixing ratios use 25 °C and 1 atm (molar volume 24.45 L/mol, the convention of
/// US EPA and EEA reporting): µg/m³ = ppb × M / 24.45, with M the molar mass in g/mol.</summary>
public static class ConcentrationUnits
{
    private const double MolarVolume = 24.45;   // L/mol at 298.15 K and 101.325 kPa

    private static readonly Dictionary<string, double> MolarMass = new(StringComparer.Ordinal)
    {
        [Variables.So2] = 64.066, [Variables.No2] = 46.0055, [Variables.Co] = 28.010, [Variables.O3] = 47.997,
    };

    /// <summary>ppb, ppm, ug/m3 (or µg/m³, ug.m-3 as the EEA writes it), mg/m3 (or mg/m³, mg.m-3), case-insensitive.</summary>
    public static ConcentrationUnit Parse(string text) => text.Trim().ToLowerInvariant().Replace('µ', 'u').Replace('μ', 'u').Replace("³", "3", StringComparison.Ordinal) switch
    {
        "ug/m3" or "ug.m-3" or "ugm-3" => ConcentrationUnit.UgM3,
        "mg/m3" or "mg.m-3" or "mgm-3" => ConcentrationUnit.MgM3,
        "ppb" => ConcentrationUnit.Ppb,
        "ppm" => ConcentrationUnit.Ppm,
        _ => throw new InputException($"--unit '{text}': expected ppb, ppm, ug/m3 or mg/m3"),
    };

    /// <summary>The factor that turns a value of <paramref name="variable"/> in <paramref name="unit"/> into µg/m³.</summary>
    public static double Factor(string variable, ConcentrationUnit unit) => unit switch
    {
        ConcentrationUnit.UgM3 => 1,
        ConcentrationUnit.MgM3 => 1000,
        ConcentrationUnit.Ppb or ConcentrationUnit.Ppm when MolarMass.TryGetValue(variable, out var m) =>
            (unit == ConcentrationUnit.Ppm ? 1000 : 1) * m / MolarVolume,
        _ => throw new InputException($"--unit {unit.ToString().ToLowerInvariant()} for {variable}: a mixing ratio converts only gases with a molar mass ({string.Join(", ", MolarMass.Keys)}); expected ug/m3 or mg/m3 for {variable}"),
    };
}
