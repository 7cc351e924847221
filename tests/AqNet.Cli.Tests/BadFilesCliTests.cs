using AqNet.Cli;
using DuckDB.NET.Data;

namespace AqNet.Cli.Tests;

/// <summary>`ingest --check` lists every bad file of an input set in one run and writes nothing; `--skip-bad` ingests
/// the good files and names the skipped ones, with the reason, in the summary and the store's ingest log.</summary>
public sealed class BadFilesCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    /// <summary>The two-station PRSA fixture plus Gamma (a non-numeric PM2.5 cell) and Delta (semicolons).</summary>
    private string Folder()
    {
        var folder = _fx.PrsaFolder();
        _fx.Write("prsa/PRSA_Data_Gamma_20130301-20170228.csv", Fixtures.PrsaHeader + "\n1,2013,3,1,0,abc,9,4,7,300,77,-0.7,1023,-18.8,0,NNW,4.4,\"Gamma\"\n");
        _fx.Write("prsa/PRSA_Data_Delta_20130301-20170228.csv", Fixtures.PrsaHeader + "\n1;2013;3;1;0;5;9;4;7;300;77;-0.7;1023;-18.8;0;NNW;4.4;\"Delta\"\n");
        _fx.Write("prsa/stations.csv", "station,cnemc_code,name_zh,longitude,latitude\nAlpha,1001A,甲,116.40,39.90\nBeta,1002A,乙,116.20,40.10\n" +
                                       "Gamma,1003A,丙,116.3,40.0\nDelta,1004A,丁,116.1,40.0\n");
        return folder;
    }

    private const string DeltaProblem = "PRSA_Data_Delta_20130301-20170228.csv, line 2: 1 cells but the header has 18";
    private const string GammaProblem = "PRSA_Data_Gamma_20130301-20170228.csv, line 2, column 6 (PM2.5): 'abc' is not a number or NA";

    [Fact]
    public void Check_lists_both_bad_files_and_writes_no_store()
    {
        var store = _fx.Path_("s.duckdb");
        var (exit, output, _) = CliApp.Run("ingest", "prsa", Folder(), "--store", store, "--check");
        Assert.Equal(2, exit);
        var lines = output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Contains(DeltaProblem, lines[0]);
        Assert.Contains(GammaProblem, lines[1]);
        Assert.Equal("2 problem(s) found; nothing was written", lines[2]);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public void Skip_bad_ingests_the_good_files_and_names_the_skipped_ones()
    {
        var store = _fx.Path_("s.duckdb");
        var (exit, output, err) = CliApp.Run("ingest", "prsa", Folder(), "--store", store, "--skip-bad");
        Assert.True(exit == 0, err);
        Assert.Contains("ingested prsa: 2 stations", output);
        Assert.Contains("note: skipped ", output);
        Assert.Contains("PRSA_Data_Gamma_20130301-20170228.csv: line 2, column 6 (PM2.5): 'abc' is not a number or NA", output);
        using var c = new DuckDBConnection("Data Source=" + store);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT notes, files, (SELECT count(*) FROM stations) FROM ingests";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        var notes = r.GetString(0).Split('\n');
        Assert.Equal(2, notes.Count(n => n.StartsWith("skipped ", StringComparison.Ordinal)));
        Assert.Contains(notes, n => n.Contains("Delta") && n.Contains("1 cells but the header has 18"));
        Assert.DoesNotContain("Gamma", r.GetString(1));
        Assert.Equal(2L, Convert.ToInt64(r.GetValue(2)));
    }

    [Fact]
    public void Without_skip_bad_the_first_bad_file_stops_the_ingest()
    {
        var store = _fx.Path_("s.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "prsa", Folder(), "--store", store);
        Assert.Equal(2, exit);
        Assert.Contains(DeltaProblem, err);
        Assert.False(File.Exists(store));
    }
}
