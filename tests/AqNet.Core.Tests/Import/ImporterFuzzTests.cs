using System.IO.Compression;
using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Import;
using CsCheck;

namespace AqNet.Core.Tests.Import;

/// <summary>Random bytes, random truncations and random bit flips of valid files, given to every importer (plain, in a
/// zip and gzipped): the result is a batch or an InputException, never another exception type.</summary>
public sealed class ImporterFuzzTests
{
    static ImporterFuzzTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string PrsaHeader = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\",\"RAIN\",\"wd\",\"WSPM\",\"station\"";

    private const string BjmemcStations = "name_zh,station_id,longitude,latitude,station_type\n东四,dongsi_aq,116.417,39.929,Urban\n天坛,tiantan_aq,116.407,39.886,Urban\n";

    /// <summary>(format, file name, valid content, options) for each importer. A StationsFile option holds the station
    /// list's content, written beside the input by <see cref="Prepare"/> (the fuzzing is of the data files).</summary>
    public static readonly (string Format, string Name, string Text, ImportOptions Options)[] Valid =
    [
        ("prsa", "PRSA_Data_Wanliu.csv", PrsaHeader + "\r\n1,2013,3,1,0,8,9,6,28,400,52,-0.7,1023,-18.8,0,\"NNW\",4.4,\"Wanliu\"\r\n" +
            "2,2013,3,1,1,NA,9,6,28,300,50,-1.1,1023.2,-18.2,0,\"NE\",4.7,\"Wanliu\"\r\n", new ImportOptions()),
        ("cnemc", "china_sites_20190101.csv", CnemcImporterTests.Day, new ImportOptions()),
        ("bjmemc", "beijing_all_20150101.csv", "date,hour,type,东四,天坛\n20150101,0,PM2.5,100,\n20150101,0,PM10,150,160\n20150101,23,PM2.5,77,66\n",
            new ImportOptions { StationsFile = BjmemcStations }),
        ("long", "pm25.csv", "site_key,poc,datetime_utc,value,qualifier\n01-001-0001,3,2011-01-01 00:00,5.5,\n01-001-0001,3,2011-01-01 01:00,,\n02-002-0002,1,2011-01-01 00:00,20,\n",
            ImportOptions.Epa()),
        ("long", "obs.csv", "site,time,pollutant,value\nA,2020-01-01 00:00,PM2.5,3\nA,2020-01-01 01:00,NO2,4.5\nB,2020-01-01 00:00,PM2.5,\"7\"\n",
            new ImportOptions { Long = new LongFormatOptions { StationColumn = "site", TimeColumn = "time", VariableColumn = "pollutant", ValueColumn = "value", TimeZone = "+8" } }),
        ("long", "location-2178-20211216.csv", LongPresetTests.OpenAq, new ImportOptions { Long = LongFormatOptions.OpenAq }),
        ("long", "openaq.csv", LongPresetTests.OpenAqV2, new ImportOptions { Long = LongFormatOptions.OpenAqV2 }),
        ("long", "eea.csv", LongPresetTests.Eea, new ImportOptions { Long = LongFormatOptions.Eea, StationsFile = LongPresetTests.EeaMeta }),
        ("wide", "pm25_ground.txt", WideImporterTests.Ground, WideImporterTests.Options() with { StationsFile = WideImporterTests.LatLng, StationColumns = StationColumns.Parse("id=sensor_id") }),
    ];

    private enum Wrap { Plain, Zip, Gzip }

    private static ImportOptions Prepare(TempFolder dir, ImportOptions options) =>
        (options.StationsFile is { } text ? options with { StationsFile = dir.File("stations.csv", text) } : options) with { MaxParallelism = 1 };

    private static void ReadOrRefuse(int importer, byte[] content, Wrap wrap)
    {
        var (format, name, _, template) = Valid[importer];
        using var dir = new TempFolder();
        var options = Prepare(dir, template);
        var path = wrap switch
        {
            Wrap.Zip => dir.Bytes("in.zip", ZipOf(name, content)),
            Wrap.Gzip => dir.Bytes(name + ".gz", GzipOf(content)),
            _ => dir.Bytes(name, content),
        };
        try { Importers.Read(format, [path], options, null, default); }
        catch (InputException) { }
    }

    private static byte[] ZipOf(string name, byte[] content)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var s = zip.CreateEntry(name).Open()) s.Write(content);
        return ms.ToArray();
    }

    private static byte[] GzipOf(byte[] content)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content);
        return ms.ToArray();
    }

    private static readonly Gen<int> Importer = Gen.Int[0, Valid.Length - 1];
    private static readonly Gen<Wrap> Wrapping = Gen.Enum<Wrap>();

    [Fact]
    public void Random_bytes_are_read_or_refused_with_an_input_error() =>
        Gen.Select(Importer, Gen.Byte.Array[0, 600], Wrapping).Sample((i, bytes, wrap) => ReadOrRefuse(i, bytes, wrap), iter: 300);

    [Fact]
    public void Random_truncations_are_read_or_refused_with_an_input_error() =>
        Gen.Select(Importer, Gen.Double[0, 1], Wrapping).Sample((i, cut, wrap) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Valid[i].Text);
            ReadOrRefuse(i, bytes[..(int)(cut * bytes.Length)], wrap);
        }, iter: 300);

    [Fact]
    public void Random_bit_flips_are_read_or_refused_with_an_input_error() =>
        Gen.Select(Importer, Gen.Int[0, int.MaxValue].Array[1, 6], Wrapping).Sample((i, flips, wrap) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Valid[i].Text);
            foreach (var f in flips) bytes[f % bytes.Length] ^= (byte)(1 << (f % 8));
            ReadOrRefuse(i, bytes, wrap);
        }, iter: 300);

    [Fact]
    public void Truncated_and_flipped_zip_archives_are_refused_with_an_input_error() =>
        Gen.Select(Importer, Gen.Double[0, 1], Gen.Int[0, int.MaxValue]).Sample((i, cut, flip) =>
        {
            var (format, name, text, template) = Valid[i];
            var zip = ZipOf(name, Encoding.UTF8.GetBytes(text));
            var bytes = zip[..Math.Max(1, (int)(cut * zip.Length))];
            bytes[flip % bytes.Length] ^= (byte)(1 << (flip % 8));
            using var dir = new TempFolder();
            try { Importers.Read(format, [dir.Bytes("in.zip", bytes)], Prepare(dir, template), null, default); }
            catch (InputException) { }
        }, iter: 300);

    [Fact]
    public void The_valid_fixtures_are_read()
    {
        for (var i = 0; i < Valid.Length; i++)
        {
            using var dir = new TempFolder();
            var b = Importers.Read(Valid[i].Format, [dir.File(Valid[i].Name, Valid[i].Text)], Prepare(dir, Valid[i].Options), null, default);
            Assert.True(b.Series.Any(), Valid[i].Format);
        }
    }
}
