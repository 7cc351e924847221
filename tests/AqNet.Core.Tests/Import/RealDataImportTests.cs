using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;
using AqNet.Core.Quality;
using AqNet.Tests;
using Xunit.Abstractions;

namespace AqNet.Core.Tests.Import;

/// <summary>Importers on the real files in ../shared/data. Expected numbers come from the data README or are
/// recomputed here by a deliberately naive reader (string.Split), independent of the importers' byte parsers.</summary>
public class RealDataImportTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, int> Pm25Missing = new() { ["Wanliu"] = 382, ["Huairou"] = 953, ["Aotizhongxin"] = 925, ["Gucheng"] = 646 };

    private static void CheckUci(ImportBatch b)
    {
        Assert.Equal(12, b.Stations.Count);
        Assert.All(b.Stations, s => Assert.True(s.HasCoordinates, s.Id));
        var first = HourAxis.FromLocal(2013, 3, 1, 0, PrsaImporter.UtcOffset);
        foreach (var st in b.Stations)
        {
            Assert.True(b.TryGetSeries(st.Id, Variables.Pm25, out var s));
            Assert.Equal(35_064, s.Length);
            Assert.Equal(first, s.FirstHour);
            var (_, m) = s.Dense();
            if (Pm25Missing.TryGetValue(st.Id, out var missing)) Assert.Equal(missing, m.Count(x => !x));
        }
    }

    [DataFact]
    public void Uci_zip_as_shipped()
    {
        var zip = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        var sw = Stopwatch.StartNew();
        var b = Importers.Read("prsa", [zip], new ImportOptions(), null, default);
        output.WriteLine($"UCI parse {sw.ElapsedMilliseconds} ms");
        CheckUci(b);
    }

    [DataFact]
    public void Uci_zip_inside_an_outer_zip_as_uci_distributes_it()
    {
        var inner = TestData.Require("beijing-multisite/PRSA2017_Data_20130301-20170228.zip");
        using var dir = new TempFolder();
        var outer = Path.Combine(dir.Path, "beijing+multi+site+air+quality+data.zip");
        using (var z = ZipFile.Open(outer, ZipArchiveMode.Create)) z.CreateEntryFromFile(inner, Path.GetFileName(inner), CompressionLevel.NoCompression);
        var progress = new List<ImportProgress>();
        var b = Importers.Read("prsa", [outer], new ImportOptions { StationsFile = TestData.Require("beijing-multisite/stations.csv") },
            new SyncProgress(progress.Add), default);
        CheckUci(b);
        Assert.Contains("!PRSA2017_Data_20130301-20170228.zip!", b.Files[0]);
        Assert.Equal(12, progress[^1].FilesDone);
        Assert.Equal(12 * 35_064L, progress[^1].Rows);
    }

    [DataFact]
    public void Cnemc_quarter_ingests_every_station_column()
    {
        var zipPath = TestData.Require("cnemc/china_sites_20190101-20190331.zip");
        var sw = Stopwatch.StartNew();
        var b = Importers.Read("cnemc", [zipPath], new ImportOptions(), null, default);
        output.WriteLine($"CNEMC quarter parse {sw.ElapsedMilliseconds} ms (wall, includes JIT), {Environment.ProcessorCount} cores");

        // Independent reader: header codes of every file, station lists and a few cells.
        var codes = new HashSet<string>();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var e in zip.Entries)
        {
            using var r = new StreamReader(e.Open());
            codes.UnionWith(r.ReadLine()!.Split(',').Skip(3));
        }
        Assert.Equal(90, b.Files.Count);
        Assert.Equal(codes.Order(), b.Stations.Select(s => s.Id).Order());
        Assert.Equal(codes.Count * 6, b.Series.Count());
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var withCoords = new HashSet<string>();
        // the two lists are merged: a code blank in NewSiteList.csv takes station_info.csv's coordinates
        foreach (var (file, enc, lon) in new[] { ("NewSiteList.csv", Encoding.GetEncoding("GB18030"), 3), ("station_info.csv", Encoding.UTF8, 5) })
            foreach (var row in File.ReadAllLines(TestData.Require("cnemc/" + file), enc).Skip(1).Select(l => l.Split(',')))
                if (row[lon].Length > 0 && row[lon + 1].Length > 0) withCoords.Add(row[0]);
        Assert.Equal(codes.Count(withCoords.Contains), b.Stations.Count(s => s.HasCoordinates));
        Assert.Equal(codes.Count(c => !withCoords.Contains(c)), b.Stations.Count(s => !s.HasCoordinates));

        foreach (var (day, hour, type, column) in new[] { ("20190115", 10, "PM2.5", 4), ("20190301", 5, "CO", 6), ("20190331", 23, "PM10", -1), ("20190220", 6, "SO2", 100) })
        {
            var lines = new StreamReader(zip.GetEntry($"china_sites_{day}.csv")!.Open()).ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray(); // README says CRLF; some days are LF
            var header = lines[0].Split(',');
            var col = column < 0 ? header.Length - 1 : column;
            var cell = lines.Select(l => l.Split(',')).First(c => c.Length > 2 && c[1] == hour.ToString(Fmt.Inv) && c[2] == type)[col];
            Assert.True(b.TryGetSeries(header[col], type, out var s));
            var h = HourAxis.FromLocal(int.Parse(day[..4], Fmt.Inv), int.Parse(day[4..6], Fmt.Inv), int.Parse(day[6..], Fmt.Inv), hour, 8);
            if (cell.Length == 0) Assert.False(s.IsObserved(h));
            else Assert.Equal((float)(double.Parse(cell, Fmt.Inv) * (type == "CO" ? 1000 : 1)), s.Get(h));
        }
        // 2019-02-20 is short (hour 7 has only its AQI row): hours without a PM2.5 row are absent, not blank.
        var pmHours = new StreamReader(zip.GetEntry("china_sites_20190220.csv")!.Open()).ReadToEnd().Split('\n')
            .Select(l => l.TrimEnd('\r').Split(',')).Count(c => c.Length > 2 && c[2] == "PM2.5");
        Assert.True(pmHours < 24);
        Assert.True(b.TryGetSeries("1001A", Variables.Pm25, out var pm));
        var day20 = Enumerable.Range(HourAxis.FromLocal(2019, 2, 20, 0, 8), 24).Count(h => pm.StateAt(h) != SeriesBuilder.Missing);
        Assert.Equal(pmHours, day20);
    }

    [DataFact]
    public void Bjmemc_one_year()
    {
        var zipPath = TestData.Require("bjmemc/beijing_20150101-20151231.zip");
        var b = Importers.Read("bjmemc", [zipPath], new ImportOptions(), null, default);
        Assert.Equal(35, b.Stations.Count);
        Assert.All(b.Stations, s => Assert.True(s.HasCoordinates));
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(zip.Entries.Count, b.Files.Count);
        var lines = new StreamReader(zip.GetEntry("beijing_extra_20150101.csv")!.Open()).ReadToEnd().Split('\n');
        var header = lines[0].Split(',');
        var co = lines.Select(l => l.Split(',')).First(c => c.Length > 3 && c[1] == "12" && c[2] == "CO");
        var names = File.ReadAllLines(TestData.Require("bjmemc/stations.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[1]);
        var h = HourAxis.FromLocal(2015, 1, 1, 12, 8);
        for (var c = 3; c < header.Length; c++)
        {
            Assert.True(b.TryGetSeries(names[header[c]], Variables.Co, out var s));
            if (co[c].Length == 0) Assert.False(s.IsObserved(h));
            else Assert.Equal((float)(double.Parse(co[c], Fmt.Inv) * 1000), s.Get(h));
        }
    }

    [DataFact]
    public void Epa_long_file_with_instruments()
    {
        var gz = TestData.Require("us-epa-aqs/pm25_hourly_2011.csv.gz");
        var sw = Stopwatch.StartNew();
        var b = Importers.Read("long", [gz], ImportOptions.Epa(), null, default);
        output.WriteLine($"EPA parse {sw.ElapsedMilliseconds} ms");
        Assert.Equal(234, b.Stations.Count);
        Assert.All(b.Stations, s => Assert.True(s.HasCoordinates));
        // Independent pass: per site the instruments, the non-empty rows and the minimum value.
        var pocs = new Dictionary<string, HashSet<string>>();
        var rows = new Dictionary<string, int>();
        var min = new Dictionary<string, double>();
        using (var r = new StreamReader(new GZipStream(File.OpenRead(gz), CompressionMode.Decompress)))
        {
            r.ReadLine();
            for (var line = r.ReadLine(); line is not null; line = r.ReadLine())
            {
                var c = line.Split(',');
                if (!pocs.TryGetValue(c[0], out var set)) pocs[c[0]] = set = [];
                set.Add(c[1]);
                if (c[3].Length == 0) continue;
                rows[c[0]] = rows.GetValueOrDefault(c[0]) + 1;
                min[c[0]] = Math.Min(min.GetValueOrDefault(c[0], double.MaxValue), double.Parse(c[3], Fmt.Inv));
            }
        }
        var single = pocs.Where(p => p.Value.Count == 1 && rows.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        Assert.True(single.Count > 200);
        foreach (var site in single)
        {
            Assert.True(b.TryGetSeries(site, Variables.Pm25, out var s));
            var (v, m) = s.Dense();
            Assert.Equal(rows[site], m.Count(x => x));
            Assert.Equal((float)min[site], v.Where((_, i) => m[i]).Min()); // negatives are kept
        }
        Assert.Contains(b.Notes, n => n.Contains("several instruments", StringComparison.Ordinal));
        var qc = QualityControl.Apply(b);
        Assert.True(qc.Total.OutOfBounds > 0);
        Assert.True(qc.Total.Reconciled > 0);
    }

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
