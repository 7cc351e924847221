using System.Diagnostics;
using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Datasets;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Import;
using AqNet.Core.Splitting;
using AqNet.Core.Store;
using AqNet.Torch.Spatial;
using AqNet.Torch.Training;

namespace AqNet.Torch.Jobs;

/// <summary>`aqnet demo`: the whole pipeline on the UCI Beijing data with short schedules — ingest, the temporal
/// model against baselines, the spatial model against interpolators at hidden stations, and a gridded reanalysis
/// of Beijing for one test week as NetCDF and maps — then a summary of everything written.</summary>
public static class DemoJob
{
    public const string BeijingBbox = "115.9,39.6,116.9,40.5";

    public static string Run(string outDir, string? dataFrom, IProgress<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        void Stage(string s) => progress?.Report($"\n== {s} ({Fmt.F(clock.Elapsed.TotalMinutes, 1)} min)");

        Stage("1/5 data");
        var zip = BeijingDataset.Locate(dataFrom) ?? BeijingDataset.Download(dataFrom, BeijingDataset.DefaultUrl, null, false, progress, ct);
        progress?.Report($"UCI Beijing multi-site data: {zip}");

        Stage("2/5 ingest");
        var store = Path.Combine(outDir, "beijing.duckdb");
        var stations = Path.Combine(Path.GetDirectoryName(zip)!, "stations.csv");
        var ingest = IngestJob.Run("prsa", [zip], new ImportOptions { StationsFile = File.Exists(stations) ? stations : null }, store, progress, ct);
        progress?.Report(ingest.ToText());

        Stage("3/5 temporal: AQ-Net against persistence, climatology and ridge (table1, short schedule)");
        var temporalDir = Path.Combine(outDir, "temporal");
        var temporal = TemporalJob.Run(new TemporalJobOptions
        {
            StorePath = store, Protocol = "table1", OutputDir = temporalDir,
            Models = ["persistence", "climatology", "ridge", "aqnet"],
            Train = new TrainOptions { Epochs = 4, MaxBatchesPerEpoch = 300, Patience = 2 },
        }, progress, ct);

        Stage("4/5 spatial: neural kNN against mean, nearest, IDW and kriging at hidden stations (holdout, short schedule)");
        var spatialDir = Path.Combine(outDir, "spatial");
        var spatial = SpatialExperiment.Run(new SpatialExperimentOptions
        {
            StorePath = store, OutputDir = spatialDir, Protocol = "holdout", HiddenRatio = 0.2, Quick = true,
        }, progress, ct);

        Stage("5/5 gridded reanalysis of Beijing for one test week");
        var (from, to) = TestWeek(store);
        var nc = Path.Combine(outDir, "beijing_pm25_week.nc");
        var maps = Path.Combine(outDir, "maps");
        var reanalysis = ReanalyzeJob.Run(new ReanalyzeOptions
        {
            ModelDir = Path.Combine(spatialDir, "model"), StorePath = store, Grid = ReanalyzeOptions.ParseGrid(BeijingBbox, 0.02),
            FromUtc = from, ToUtc = to, OutPath = nc, PngDir = maps,
        }, progress, ct);

        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"AqNet demo finished in {Fmt.F(clock.Elapsed.TotalMinutes, 1)} min. Written:");
        sb.AppendLine($"  store:               {store}");
        sb.AppendLine($"  temporal results:    {Path.Combine(temporalDir, "results.json")}, {Path.Combine(temporalDir, "report.md")}, {Path.Combine(temporalDir, "figures")}");
        sb.AppendLine($"  spatial results:     {Path.Combine(spatialDir, "results.json")}, {Path.Combine(spatialDir, "report.md")}, {Path.Combine(spatialDir, "figures")}");
        sb.AppendLine($"  spatial model:       {Path.Combine(spatialDir, "model")}");
        sb.AppendLine($"  reanalysis (NetCDF): {nc} ({Fmt.Utc(from)} .. {Fmt.Utc(to)})");
        sb.AppendLine($"  maps:                {maps}");
        sb.AppendLine();
        sb.Append(TemporalJob.Summary(temporal, temporalDir));
        sb.AppendLine("spatial, pooled over hidden stations and test hours (nowcast), µg/m³:");
        foreach (var r in spatial.Rows.Where(r => r.Station == "all" && r.Task == "nowcast"))
            sb.AppendLine(Fmt.Inv, $"  {r.Model,-10} MAE {Fmt.F(r.Mae, 2),6}  RMSE {Fmt.F(r.Rmse, 2),6}  R² {Fmt.F(r.R2, 3)}  n {r.N}");
        sb.Append(reanalysis);
        return sb.ToString();
    }

    /// <summary>The first whole week of the test part (the last 20% of time), starting one day in so the first
    /// window is inside it.</summary>
    private static (DateTime From, DateTime To) TestWeek(string storePath)
    {
        using var s = AqStore.OpenRead(storePath);
        var spans = StoreReader.Stations(s).Where(x => x.FirstHour is not null).ToList();
        var first = spans.Min(x => x.FirstHour!.Value);
        var hours = spans.Max(x => x.LastHour!.Value) - first + 1;
        var split = TimeSplit.ByFraction(hours, 24, 24);
        var from = HourAxis.ToUtc(first + split.Test.Start + 24);
        return (from, from.AddHours(167));
    }
}
