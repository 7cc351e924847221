using System.CommandLine;
using AqNet.Core.Import;
using AqNet.Core.Store;

namespace AqNet.Cli.Commands;

public static class IngestCommand
{
    public static Command Create()
    {
        var format = new Argument<string>("format") { Description = "prsa (UCI Beijing multi-site), cnemc (quotsoft china_sites), bjmemc (quotsoft beijing_all/extra), long (any long table) or aqi36 (the AQI-36 benchmark folder)." };
        var paths = new Argument<string[]>("paths") { Description = "Files, folders or zip archives (nested zips too).", Arity = ArgumentArity.OneOrMore };
        // an unknown option after the paths would be taken for a path: refused as what it is
        paths.Validators.Add(r =>
        {
            if (r.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } t)
                r.AddError($"Unrecognized option '{t.Value}'");
        });
        var store = StoreOptions.Store("The AqNet store (a DuckDB file); created if absent.");
        var stations = new Option<string[]>("--stations") { Description = "Station list with coordinates; repeat it for several lists, merged in the order given (the first that lists a station gives its entry, blank coordinates are filled from the others). Default: looked for beside the inputs.", Arity = ArgumentArity.OneOrMore };
        var stationColumns = new Option<string?>("--station-columns") { Description = "Column names of the station lists, over the format's own: id=COL,lon=COL,lat=COL[,name=COL][,city=COL][,province=COL][,type=COL]." };
        var preset = new Option<string?>("--preset") { Description = "long format preset: epa (US EPA AQS hourly: site_key,poc,datetime_utc,value + sites.csv)." };
        var stationCol = new Option<string?>("--station-column") { Description = "long: station id column." };
        var timeCol = new Option<string?>("--time-column") { Description = "long: time column." };
        var timeFormat = new Option<string?>("--time-format") { Description = "long: time format, e.g. \"yyyy-MM-dd HH:mm\" (ISO 8601 times ending in Z or an offset such as +08:00 are read without it)." };
        var timeZone = new Option<string?>("--time-zone") { Description = "long: UTC, an offset in hours such as +8, or an IANA zone such as Asia/Shanghai (summer time applied hour by hour)." };
        var timeZoneCol = new Option<string?>("--time-zone-column") { Description = "long: column giving each row's time zone (UTC, +8, UTC-5); overrides --time-zone." };
        var valueCol = new Option<string?>("--value-column") { Description = "long: value column; several, comma-separated, when each is named after its variable (PM2.5,NO2)." };
        var variable = new Option<string?>("--variable") { Description = "long: the variable all values are (e.g. PM2.5)." };
        var variableCol = new Option<string?>("--variable-column") { Description = "long: column naming the variable of each row." };
        var instrumentCol = new Option<string?>("--instrument-column") { Description = "long: instrument column (several instruments per site are reconciled)." };
        var unit = new Option<string?>("--unit") { Description = "long: unit of the values, converted to µg/m³ (ppb and ppm at 25 °C, 1 atm): ppb|ppm|ug/m3|mg/m3 for all, or per variable: NO2=ppb,CO=ppm." };
        var check = new Option<bool>("--check") { Description = "Read every input and list every file's problem; nothing is written (exit 2 when any)." };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Ingest the files without problems; the skipped ones and why are named in the summary and the store's ingest log." };
        var cmd = new Command("ingest", "Read station data into a store: atomic (a failed ingest changes nothing) and idempotent.")
        {
            format, paths, store, stations, stationColumns, preset, stationCol, timeCol, timeFormat, timeZone, timeZoneCol, valueCol, variable, variableCol, instrumentCol,
            unit, check, skipBad,
        };
        cmd.SetAction((r, ct) =>
        {
            var longOptions = LongOptions(r.GetValue(preset), r.GetValue(stationCol), r.GetValue(timeCol), r.GetValue(timeFormat),
                r.GetValue(timeZone), r.GetValue(timeZoneCol), r.GetValue(valueCol), r.GetValue(variable), r.GetValue(variableCol), r.GetValue(instrumentCol));
            if (r.GetValue(unit) is { } u) longOptions = (longOptions ?? new LongFormatOptions()) with { Units = ParseUnits(u) };
            var options = new ImportOptions
            {
                StationsFiles = r.GetValue(stations) ?? [],
                StationColumns = r.GetValue(stationColumns) is { } sc ? StationColumns.Parse(sc) : null,
                Long = longOptions,
            };
            if (r.GetValue(check) && r.GetValue(skipBad)) throw new AqNet.Core.Data.InputException("--check and --skip-bad exclude each other; expected one of them");
            if (r.GetValue(check))
            {
                var problems = IngestJob.Check(r.GetValue(format)!, r.GetValue(paths)!, options, CliRun.Progress(r), ct);
                var output = r.InvocationConfiguration.Output;
                foreach (var p in problems) output.WriteLine("problem: " + CliRun.Clip(p.Message));
                output.WriteLine(problems.Count == 0 ? "no problems found; nothing was written" : $"{problems.Count} problem(s) found; nothing was written");
                return Task.FromResult(problems.Count == 0 ? 0 : CliRun.BadInput);
            }
            var summary = IngestJob.Run(r.GetValue(format)!, r.GetValue(paths)!, options, r.GetValue(store)!, CliRun.Progress(r), ct,
                r.GetValue(skipBad) ? BadFilePolicy.Skip : BadFilePolicy.Stop);
            r.InvocationConfiguration.Output.Write(summary.ToText());
            return Task.FromResult(0);
        });
        return cmd;
    }

    /// <summary>"ppb" (every variable) or "NO2=ppb,CO=ppm".</summary>
    private static Dictionary<string, ConcentrationUnit> ParseUnits(string text)
    {
        var units = new Dictionary<string, ConcentrationUnit>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var variable = eq < 0 ? "*" : part[..eq].Trim();
            if (variable != "*" && !AqNet.Core.Data.Variables.IsKnown(variable))
                throw new AqNet.Core.Data.InputException($"--unit {text}: '{variable}' is not a variable; expected e.g. NO2=ppb,CO=ppm with one of {string.Join(", ", AqNet.Core.Data.Variables.All)}");
            units[variable] = ConcentrationUnits.Parse(eq < 0 ? part : part[(eq + 1)..]);
        }
        return units;
    }

    private static LongFormatOptions? LongOptions(string? preset, string? station, string? time, string? timeFormat, string? zone,
        string? zoneColumn, string? value, string? variable, string? variableColumn, string? instrument)
    {
        LongFormatOptions? o = preset switch
        {
            null => null,
            "epa" => LongFormatOptions.Epa,
            _ => throw new AqNet.Core.Data.InputException($"unknown --preset '{preset}'; expected epa"),
        };
        if (station is null && time is null && timeFormat is null && zone is null && zoneColumn is null && value is null && variable is null && variableColumn is null && instrument is null)
            return o;
        o ??= new LongFormatOptions();
        return o with
        {
            StationColumn = station ?? o.StationColumn,
            TimeColumn = time ?? o.TimeColumn,
            TimeFormat = timeFormat ?? o.TimeFormat,
            TimeZone = zone ?? o.TimeZone,
            TimeZoneColumn = zoneColumn ?? o.TimeZoneColumn,
            ValueColumn = value ?? o.ValueColumn,
            Variable = variable ?? o.Variable,
            VariableColumn = variableColumn ?? o.VariableColumn,
            InstrumentColumn = instrument ?? o.InstrumentColumn,
        };
    }
}
