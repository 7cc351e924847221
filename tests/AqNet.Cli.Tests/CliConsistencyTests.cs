using System.Text.Json;
using AqNet.Cli;
using AqNet.Core.Data;

namespace AqNet.Cli.Tests;

/// <summary>The CLI's shared conventions: `--model` is a folder, choices are lower case, tables align wide characters.</summary>
public sealed class CliConsistencyTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Stations_table_aligns_chinese_names_by_display_columns()
    {
        var store = _fx.Path_("s.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        using (var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={store}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE stations SET name = '北京市东城区东四街道监测站' WHERE id = 'Alpha';" +   // 26 columns: cut
                              "UPDATE stations SET name = '万寿西宫' WHERE id = 'Beta'";                       // 8 columns: padded
            cmd.ExecuteNonQuery();
        }
        var (exit, output, err) = CliApp.Run("stations", "--store", store);
        Assert.True(exit == 0, err);
        var rows = output.Split('\n').Where(l => l.StartsWith("Alpha") || l.StartsWith("Beta")).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Contains("北京市东城区东四街道监…", rows[0]);
        Assert.Contains("万寿西宫 ", rows[1]);
        // the longitude column starts at the same terminal column in the header and in both rows
        var header = output.Split('\n')[0];
        var lonEnd = TextWidth.Of(header[..(header.IndexOf("lon", StringComparison.Ordinal) + 3)]);
        Assert.All(rows, r => Assert.Equal(lonEnd, TextWidth.Of(r[..(r.IndexOf("116.", StringComparison.Ordinal) + 8)])));
    }

    [Fact]
    public void Evaluate_takes_the_model_folder_and_names_a_folder_without_a_checkpoint()
    {
        var store = _fx.Path_("e.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        Directory.CreateDirectory(_fx.Path_("empty-model"));
        var (exit, _, err) = CliApp.Run("evaluate", "--store", store, "--model", _fx.Path_("empty-model"), "--json");
        Assert.Equal(2, exit);
        Assert.StartsWith($"error: model folder '{_fx.Path_("empty-model")}' holds no model.ckpt", err);
    }

    [Theory]
    [InlineData("parquet", null)]
    [InlineData("PARQUET", null)]
    [InlineData("Csv", null)]
    [InlineData("xml", "error: --format 'xml': expected csv or parquet")]
    [InlineData("1", "error: --format '1': expected csv or parquet")]
    public void Enum_choices_are_lower_case_any_case_is_accepted_and_others_are_bad_input(string given, string? error)
    {
        var store = _fx.Path_("x.duckdb");
        Assert.Equal(0, CliApp.Run("ingest", "prsa", _fx.PrsaFolder(), "--store", store).Exit);
        var (exit, _, err) = CliApp.Run("export", "--store", store, "--format", given, "--out", _fx.Path_("x.out"));
        Assert.Equal(error is null ? (0, "") : (2, error), (exit, error is null ? "" : err.Trim()));
    }

    [Fact]
    public void Help_shows_enum_choices_and_defaults_in_lower_case()
    {
        var (_, help, _) = CliApp.Run("experiment", "temporal", "--help");
        Assert.Contains("--schedule <constant|cosine|step>", help);
        Assert.Contains("[default: constant]", help);
    }

    [Fact]
    public void Evaluation_json_is_snake_case_utf8_with_the_run_recorded()
    {
        var report = new AqNet.Torch.Jobs.Train.EvaluationReport(RunInfo.Now("aqnet evaluate --json"), "aqnet", "m/model.ckpt", "北京.duckdb", "table1", "24h", 12,
            [new(AqNet.Core.Metrics.Aggregation.Pooled, 20.5, 30.25, 0.875, 288), new(AqNet.Core.Metrics.Aggregation.At, double.NaN, double.NaN, double.NaN, 0)]);
        var json = report.Json();
        Assert.Contains("\"store\": \"北京.duckdb\"", json);   // non-ASCII written as itself
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal("aqnet evaluate --json", root.GetProperty("run").GetProperty("command").GetString());
        Assert.Equal(12, root.GetProperty("test_windows").GetInt32());
        var pooled = root.GetProperty("metrics")[0];
        Assert.Equal("pooled", pooled.GetProperty("aggregation").GetString());
        Assert.Equal(30.25, pooled.GetProperty("rmse").GetDouble());
        Assert.Equal("NaN", root.GetProperty("metrics")[1].GetProperty("mae").GetString());
    }

    [Theory]
    [InlineData("store:0123456789abcdef|table1|24h|met", "table1", 24, true)]
    [InlineData("store:0123456789abcdef|table2|7d|pollutants", "table2", 7, false)]
    public void A_train_fingerprint_reads_back_what_it_wrote(string text, string protocol, int steps, bool met)
    {
        var f = AqNet.Torch.Jobs.Train.TrainFingerprint.TryParse(text)!;
        Assert.Equal((protocol, steps, met, text), (f.Protocol, f.Steps, f.Meteorology, f.ToString()));
    }

    [Theory]
    [InlineData("store:x|table1|24h")]
    [InlineData("store:x|table1|abc|met")]
    [InlineData("store:x|table1|24h|weather")]
    [InlineData("store:x|table1|-3h|met")]
    public void A_foreign_fingerprint_is_not_read(string text) => Assert.Null(AqNet.Torch.Jobs.Train.TrainFingerprint.TryParse(text));
}
