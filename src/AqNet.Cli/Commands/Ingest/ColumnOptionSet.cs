using System.CommandLine;
using AqNet.Core.Data;
using AqNet.Core.Import;

namespace AqNet.Cli.Commands;

/// <summary>The column options of `ingest long` (all) and `ingest wide` (time, variable and unit only), turned into
/// one <see cref="LongFormatOptions"/>: a preset's names, then each option given over them.</summary>
internal sealed class ColumnOptionSet
{
    private readonly Option<string?>? _preset, _station, _zoneColumn, _value, _variableColumn, _instrument;
    private readonly Option<string?> _time, _timeFormat, _zone, _variable, _unit;

    public ColumnOptionSet(Command cmd, bool isLong)
    {
        Option<string?> New(string name, string description)
        {
            var o = new Option<string?>(name) { Description = description };
            cmd.Add(o);
            return o;
        }
        if (isLong)
        {
            _preset = New("--preset", $"A public download's layout: {string.Join(", ", LongFormatOptions.Presets.Keys)} (columns above, docs/ingest.md); the options below override its names.");
            _station = New("--station-column", "Station id column (default station).");
        }
        _time = New("--time-column", isLong ? "Time column (default time)." : "Time column (default time); every other column is a station.");
        _timeFormat = New("--time-format", "Time format, e.g. \"yyyy-MM-dd HH:mm\" (the default) or \"yyyy/MM/dd HH:mm:ss\"; ISO 8601 times ending in Z or an offset such as +08:00 are read without it.");
        _zone = New("--time-zone", "UTC (the default), an offset in hours such as +8, or an IANA zone such as Asia/Shanghai (summer time applied hour by hour).");
        if (isLong)
        {
            _zoneColumn = New("--time-zone-column", "Column giving each row's time zone (UTC, +8, UTC-5); overrides --time-zone.");
            _value = New("--value-column", "Value column (default value); several, comma-separated, when each is named after its variable (PM2.5,NO2).");
        }
        _variable = New("--variable", isLong ? "The variable all values are (e.g. PM2.5)." : "The variable of every station column (required), e.g. PM2.5.");
        if (isLong)
        {
            _variableColumn = New("--variable-column", "Column naming the variable of each row.");
            _instrument = New("--instrument-column", "Instrument column (several instruments per site are reconciled).");
        }
        _unit = New("--unit", "Unit of the values, converted to µg/m³ (ppb and ppm at 25 °C, 1 atm): ppb|ppm|ug/m3|mg/m3 for all, or per variable: NO2=ppb,CO=ppm.");
    }

    public LongFormatOptions Build(ParseResult r)
    {
        string? Get(Option<string?>? o) => o is null ? null : r.GetValue(o);
        var preset = Get(_preset);
        var o = preset is null ? new LongFormatOptions()
            : LongFormatOptions.Presets.TryGetValue(preset, out var p) ? p
            : throw new InputException($"unknown --preset '{preset}'; expected one of {string.Join(", ", LongFormatOptions.Presets.Keys)}");
        o = o with
        {
            StationColumn = Get(_station) ?? o.StationColumn,
            TimeColumn = Get(_time) ?? o.TimeColumn,
            TimeFormat = Get(_timeFormat) ?? o.TimeFormat,
            TimeZone = Get(_zone) ?? o.TimeZone,
            TimeZoneColumn = Get(_zoneColumn) ?? o.TimeZoneColumn,
            ValueColumn = Get(_value) ?? o.ValueColumn,
            Variable = Get(_variable) ?? o.Variable,
            VariableColumn = Get(_variableColumn) ?? o.VariableColumn,
            InstrumentColumn = Get(_instrument) ?? o.InstrumentColumn,
        };
        // a variable given replaces the preset's variable column and the other way round
        if (Get(_variable) is not null && Get(_variableColumn) is null) o = o with { VariableColumn = null };
        if (Get(_variableColumn) is not null && Get(_variable) is null) o = o with { Variable = null };
        return Get(_unit) is { } u ? o with { Units = ParseUnits(u), UnitColumn = null } : o;
    }

    /// <summary>"ppb" (every variable) or "NO2=ppb,CO=ppm".</summary>
    private static Dictionary<string, ConcentrationUnit> ParseUnits(string text)
    {
        var units = new Dictionary<string, ConcentrationUnit>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var variable = eq < 0 ? "*" : part[..eq].Trim();
            if (variable != "*" && !Variables.IsKnown(variable))
                throw new InputException($"--unit {text}: '{variable}' is not a variable; expected e.g. NO2=ppb,CO=ppm with one of {string.Join(", ", Variables.All)}");
            units[variable] = ConcentrationUnits.Parse(eq < 0 ? part : part[(eq + 1)..]);
        }
        return units;
    }
}
