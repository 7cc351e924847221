using AqNet.Cli;
using DuckDB.NET.Data;

namespace AqNet.Cli.Tests;

/// <summary>Files that are not intact AqNet stores, given to every store command: exit 2, one line naming the file
/// and what was expected, and the file byte-identical afterwards (nothing is created in it before the check).</summary>
public sealed class StoreIntegrityCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    private static string[][] Commands(string store, string input, string outDir) =>
    [
        ["ingest", "prsa", input, "--store", store],
        ["inspect", "--store", store],
        ["stations", "--store", store],
        ["export", "--store", store, "--format", "csv", "--out", Path.Combine(outDir, "x.csv")],
    ];

    private void AssertRefusedByEveryCommand(string store, string expected)
    {
        var before = File.ReadAllBytes(store);
        foreach (var args in Commands(store, _fx.PrsaFolder(), _fx.Dir))
        {
            var (exit, _, err) = CliApp.Run(args);
            Assert.True(exit == 2, $"{args[0]}: exit {exit}: {err}");
            var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error: ", StringComparison.Ordinal));
            Assert.Contains(store, line);
            Assert.Contains(expected, line);
            Assert.DoesNotContain("   at ", err);
            Assert.Equal(before, File.ReadAllBytes(store));
        }
        Assert.False(File.Exists(Path.Combine(_fx.Dir, "x.csv")));
    }

    private string DuckDb(string name, string sql)
    {
        var path = _fx.Path_(name);
        using var c = new DuckDBConnection("Data Source=" + path);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql + "; CHECKPOINT;";
        cmd.ExecuteNonQuery();
        return path;
    }

    [Fact]
    public void A_duckdb_file_that_is_not_an_aqnet_store_is_refused_and_unchanged() =>
        AssertRefusedByEveryCommand(DuckDb("foreign.duckdb", "CREATE TABLE trips(id INTEGER); INSERT INTO trips VALUES (1)"),
            "is a DuckDB file but not an AqNet store (no schema_version in a meta table; it has tables trips)");

    [Fact]
    public void A_store_of_a_newer_schema_is_refused_and_unchanged() =>
        AssertRefusedByEveryCommand(DuckDb("newer.duckdb", "CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO meta VALUES ('schema_version', '9')"),
            "has schema version 9; this AqNet reads versions 1 to 2");

    [Fact]
    public void A_store_missing_a_table_of_its_schema_is_refused_and_unchanged() =>
        AssertRefusedByEveryCommand(DuckDb("shape.duckdb", "CREATE TABLE meta(key VARCHAR PRIMARY KEY, value VARCHAR); INSERT INTO meta VALUES ('schema_version', '2')"),
            "(schema 2) has no table 'stations'");

    [Fact]
    public void A_sqlite_file_is_refused_by_its_header_without_asking_duckdb() =>
        AssertRefusedByEveryCommand(_fx.Write("lite.db", "SQLite format 3\0" + new string('\0', 200)), "is a SQLite database, not an AqNet store");

    [Fact]
    public void A_text_file_is_refused_as_not_a_duckdb_file() =>
        AssertRefusedByEveryCommand(_fx.Write("notes.duckdb", "station,time,value\nA,2020-01-01,3\n"), "is not a DuckDB file, not an AqNet store");

    [Fact]
    public void Truncated_and_bit_flipped_stores_are_refused_and_unchanged()
    {
        var good = _fx.Path_("good.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", good).Exit);
        var bytes = File.ReadAllBytes(good);
        var truncated = _fx.Path_("truncated.duckdb");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        AssertRefusedByEveryCommand(truncated, "is damaged or truncated");
        var flipped = _fx.Path_("flipped.duckdb");
        var copy = (byte[])bytes.Clone();
        for (var i = 4096; i < copy.Length; i += 4096) copy[i + 100] ^= 0xFF;   // a byte in every block after the headers
        File.WriteAllBytes(flipped, copy);
        AssertRefusedByEveryCommand(flipped, "is damaged or truncated");
    }

    [Fact]
    public void A_failed_ingest_into_a_new_store_leaves_no_file()
    {
        var store = _fx.Path_("new.duckdb");
        _fx.Write("bad/PRSA_Data_Alpha_20130301-20170228.csv", Fixtures.PrsaHeader + "\n1,2013,3,1,0,x,20,4,7,300,77,-0.7,1023,-18.8,0,NNW,4.4,\"Alpha\"\n");
        Assert.Equal(2, CliApp.Run("ingest", "prsa", _fx.Path_("bad"), "--store", store).Exit);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public void A_folder_named_as_the_store_is_refused()
    {
        var (exit, _, err) = CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", _fx.Dir);
        Assert.Equal(2, exit);
        Assert.Contains("is a folder; expected a DuckDB file name", err);
    }
}
