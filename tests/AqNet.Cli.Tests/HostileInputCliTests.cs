using System.IO.Compression;
using System.Text;
using AqNet.Cli;
using CsCheck;

namespace AqNet.Cli.Tests;

/// <summary>Inputs built to break the reader (huge lines, huge inner zips, random bytes) given to `aqnet ingest` with an
/// existing store: exit 0 or 2, never an internal error, and on exit 2 the store is byte-identical.</summary>
public sealed class HostileInputCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private string Store()
    {
        var store = _fx.Path_("s.duckdb");
        if (!File.Exists(store)) Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        return store;
    }

    private (int Exit, string Err) IngestInto(string store, params string[] args)
    {
        var before = File.ReadAllBytes(store);
        var (exit, _, err) = CliApp.Run(["ingest", .. args, "--store", store]);
        Assert.DoesNotContain("internal error", err);
        if (exit != 0)
        {
            Assert.Equal(2, exit);
            Assert.Equal(before, File.ReadAllBytes(store));
        }
        return (exit, err);
    }

    [Fact]
    public void A_line_longer_than_64_MiB_inside_a_zip_is_refused_naming_the_member_and_line()
    {
        var zip = _fx.Path_("bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var s = archive.CreateEntry("PRSA_Data_X.csv", CompressionLevel.Fastest).Open())
        {
            s.Write(Encoding.ASCII.GetBytes(Fixtures.PrsaHeader + "\n"));
            var block = new byte[1 << 20];
            block.AsSpan().Fill((byte)'1');
            for (var i = 0; i < 65; i++) s.Write(block);
        }
        var (exit, err) = IngestInto(Store(), "prsa", zip);
        Assert.Equal(2, exit);
        Assert.Contains($"error: {zip}!PRSA_Data_X.csv: line 2 is longer than 64 MiB; expected a text table with line breaks", err);
    }

    [Fact]
    public void A_zip_inside_a_zip_over_1_GiB_is_refused_before_it_is_unpacked()
    {
        var zip = _fx.Path_("outer.zip");
        using (var outer = ZipFile.Open(zip, ZipArchiveMode.Create))
        using (var s = outer.CreateEntry("inner.zip", CompressionLevel.Fastest).Open())
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i <= 1024; i++) s.Write(zeros);   // 1 GiB + 1 MiB of zeros, a few MB deflated
        }
        var (exit, err) = IngestInto(Store(), "prsa", zip);
        Assert.Equal(2, exit);
        Assert.Contains($"error: {zip}!inner.zip: a zip inside a zip of 1,025 MiB or more; AqNet unpacks inner zips in memory up to 1,024 MiB", err);
    }

    [Fact]
    public void Random_bytes_and_truncated_files_never_end_in_an_internal_error_and_a_refusal_leaves_the_store_as_it_was()
    {
        var store = Store();
        var valid = File.ReadAllBytes(Path.Combine(_fx.PrsaFolder(), "PRSA_Data_Alpha_20130301-20170228.csv"));
        var formats = new[] { "prsa", "cnemc", "bjmemc" };
        Gen.Select(Gen.Int[0, formats.Length - 1], Gen.Byte.Array[0, 300], Gen.Double[0, 1], Gen.Bool).Sample((f, random, cut, truncate) =>
        {
            var path = _fx.Path_($"in-{Guid.NewGuid():N}.csv");
            File.WriteAllBytes(path, truncate ? valid[..(int)(cut * valid.Length)] : random);
            IngestInto(store, formats[f], path, "--stations", Path.Combine(_fx.PrsaFolder(), "stations.csv"));
            File.Delete(path);
        }, iter: 40, threads: 1);
    }
}
