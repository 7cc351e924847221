using System.Globalization;
using AqNet.Core.Data;
using AqNet.Core.Quality;

namespace AqNet.Core.Import;

/// <summary>AQI-36 (the Microsoft Urban Air PM2.5 benchmark of ST-MVL, GRIN, SPIN, PriSTI): a folder with
/// <c>pm25_ground.txt</c> (the observations), <c>pm25_missing.txt</c> (the same table with the benchmark's evaluation
/// points emptied) and <c>pm25_latlng.txt</c> (coordinates). Wide tables: <c>datetime,001001,...</c>, one row per hour
/// <c>yyyy/MM/dd HH:mm:ss</c> in Beijing time (UTC+8, the value of the hour ending then), integer µg/m³, empty = not
/// observed. Every value of the ground table is stored; a cell observed in the ground table and empty in the missing
/// table is marked <see cref="QcFlags.BenchmarkPoint"/>, which is how `experiment impute --protocol aqi36` finds the
/// evaluation points.</summary>
internal static class Aqi36Importer
{
    public const int UtcOffset = 8;
    public const string Ground = "pm25_ground.txt", Missing = "pm25_missing.txt", LatLng = "pm25_latlng.txt";

    public static ImportBatch Read(IReadOnlyList<string> paths, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (paths.Count != 1 || !Directory.Exists(paths[0]))
            throw new InputException($"aqi36: expected one folder holding {Ground}, {Missing} and {LatLng}; got {string.Join(", ", paths.Select(p => $"'{p}'"))}");
        var dir = paths[0];
        string File(string name)
        {
            var p = Path.Combine(dir, name);
            return System.IO.File.Exists(p) ? p : throw new InputException($"aqi36: '{p}' does not exist; the folder must hold {Ground}, {Missing} and {LatLng}");
        }
        var ground = ReadTable(File(Ground), ct);
        var missing = ReadTable(File(Missing), ct);
        if (!ground.Ids.SequenceEqual(missing.Ids))
            throw new InputException($"aqi36: the station columns of {missing.Path} differ from those of {ground.Path}; expected the same header");
        if (!ground.Hours.SequenceEqual(missing.Hours))
            throw new InputException($"aqi36: the rows of {missing.Path} are not the same hours as those of {ground.Path}; expected the same datetime column");
        var coords = ReadCoordinates(File(LatLng));
        var batch = new ImportBatch("aqi36", "UTC+08:00 (Beijing)");
        for (var s = 0; s < ground.Ids.Length; s++)
        {
            var id = ground.Ids[s];
            if (!coords.TryGetValue(id, out var c))
                throw new InputException($"aqi36: station '{id}' of {ground.Path} has no row in {LatLng}; expected a latitude and longitude for each column");
            batch.AddStation(new Station(id, id, c.Lon, c.Lat));
            var series = batch.GetOrAddSeries(id, Variables.Pm25);
            for (var r = 0; r < ground.Hours.Length; r++)
            {
                var g = ground.Values[r * ground.Ids.Length + s];
                var m = missing.Values[r * ground.Ids.Length + s];
                if (float.IsNaN(g))
                {
                    if (!float.IsNaN(m))
                        throw new InputException($"aqi36: {missing.Path} line {r + 2}, station {id}: holds {Fmt.D(m)} where {Ground} is empty; expected the missing table to empty cells only");
                    continue;
                }
                if (!float.IsNaN(m) && m != g)
                    throw new InputException($"aqi36: {missing.Path} line {r + 2}, station {id}: {Fmt.D(m)} differs from {Fmt.D(g)} in {Ground}; expected the same value or an empty cell");
                series.Set(ground.Hours[r], g, $"{ground.Path}, line {r + 2}");
            }
            if (series.IsEmpty) continue;
            var flags = series.DenseFlags();   // after every Set: the dense span is final now
            for (var r = 0; r < ground.Hours.Length; r++)
                if (!float.IsNaN(ground.Values[r * ground.Ids.Length + s]) && float.IsNaN(missing.Values[r * ground.Ids.Length + s]))
                    flags[ground.Hours[r] - series.FirstHour] |= (byte)QcFlags.BenchmarkPoint;
        }
        batch.Files.AddRange([ground.Path, missing.Path, Path.Combine(dir, LatLng)]);
        batch.Notes.Add($"{CountPoints(batch):N0} benchmark evaluation points (observed in {Ground}, empty in {Missing}) are flagged 'benchmark point'");
        progress?.Report(new ImportProgress(3, 3, ground.Hours.Length * 2L, null));
        return batch;
    }

    private static long CountPoints(ImportBatch batch) =>
        batch.Series.Sum(kv => kv.Value.IsEmpty ? 0 : kv.Value.DenseFlags().LongCount(f => (f & (byte)QcFlags.BenchmarkPoint) != 0));

    private sealed record Table(string Path, string[] Ids, int[] Hours, float[] Values);

    private static Table ReadTable(string path, CancellationToken ct)
    {
        var lines = System.IO.File.ReadAllLines(path);
        if (lines.Length < 2) throw new InputException($"aqi36: {path} has no data rows; expected a header and one row per hour");
        var header = lines[0].Split(',');
        if (header.Length < 2 || header[0].Trim() != "datetime")
            throw new InputException($"aqi36: {path} line 1 starts with '{Trunc(header[0])}'; expected 'datetime,<station ids>'");
        var ids = header[1..].Select(h => h.Trim()).ToArray();
        var dup = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InputException($"aqi36: {path} line 1 repeats station column '{Trunc(dup.Key)}'; expected each station once");
        var hours = new int[lines.Length - 1];
        var values = new float[hours.Length * ids.Length];
        for (var r = 0; r < hours.Length; r++)
        {
            if ((r & 1023) == 0) ct.ThrowIfCancellationRequested();
            var cells = lines[r + 1].Split(',');
            var where = $"{path} line {r + 2}";
            if (cells.Length != header.Length)
                throw new InputException($"aqi36: {where} has {cells.Length} cells; expected {header.Length} as in the header");
            if (!DateTime.TryParseExact(cells[0].Trim(), "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                || local.Minute != 0 || local.Second != 0)
                throw new InputException($"aqi36: {where}: time '{Trunc(cells[0])}' is not a whole hour 'yyyy/MM/dd HH:00:00'");
            hours[r] = HourAxis.FromLocal(local.Year, local.Month, local.Day, local.Hour, UtcOffset);
            if (r > 0 && hours[r] <= hours[r - 1])
                throw new InputException($"aqi36: {where}: time {cells[0].Trim()} does not follow the previous row; expected increasing hours");
            for (var s = 0; s < ids.Length; s++)
            {
                var c = cells[s + 1].Trim();
                if (c.Length == 0) { values[r * ids.Length + s] = float.NaN; continue; }
                if (!float.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !float.IsFinite(x))
                    throw new InputException($"aqi36: {where}, station {ids[s]}: '{Trunc(c)}' is not a number; expected PM2.5 in µg/m³ or an empty cell");
                values[r * ids.Length + s] = x;
            }
        }
        return new Table(path, ids, hours, values);
    }

    private static Dictionary<string, (double Lon, double Lat)> ReadCoordinates(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var head = lines.Length > 0 ? lines[0].Split(',').Select(h => h.Trim()).ToArray() : [];
        int Col(string name) => Array.IndexOf(head, name) is var i and >= 0 ? i
            : throw new InputException($"aqi36: {path} line 1 has no column '{name}'; expected sensor_id,latitude,longitude");
        var (id, lat, lon) = (Col("sensor_id"), Col("latitude"), Col("longitude"));
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        for (var r = 1; r < lines.Length; r++)
        {
            if (lines[r].Trim().Length == 0) continue;
            var c = lines[r].Split(',');
            var where = $"{path} line {r + 1}";
            if (c.Length != head.Length) throw new InputException($"aqi36: {where} has {c.Length} cells; expected {head.Length}");
            if (!double.TryParse(c[lat], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                || !double.TryParse(c[lon], NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                throw new InputException($"aqi36: {where}: latitude '{Trunc(c[lat])}' or longitude '{Trunc(c[lon])}' is not a number");
            Station.ValidateCoordinates(c[id].Trim(), x, y, where);
            result[c[id].Trim()] = (x, y);
        }
        return result;
    }

    private static string Trunc(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
