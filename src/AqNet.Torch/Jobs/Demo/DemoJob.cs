using System.Diagnostics;
using System.Text;
using AqNet.Core.Data;
using AqNet.Core.Datasets;
using AqNet.Core.Fill;
using AqNet.Core.Experiments;
using AqNet.Core.Experiments.Spatial;
using AqNet.Core.Import;
using AqNet.Core.Spatial;
using AqNet.Core.Splitting;
using AqNet.Core.Store;
using AqNet.Torch.Impute;
using AqNet.Torch.Spatial;
using AqNet.Torch.Training;
using AqNet.Torch.Jobs.Fill;
using AqNet.Torch.Jobs.Fit;
using AqNet.Torch.Jobs.Ingest;
using AqNet.Torch.Jobs.Reanalyze;
using AqNet.Torch.Jobs.Spatial;
using AqNet.Torch.Jobs.Temporal;

namespace AqNet.Torch.Jobs.Demo;

/// <summary>`aqnet demo`: the whole pipeline on the UCI Beijing data with short schedules — ingest, the temporal
/// model against baselines, the spatial model against interpolators at hidden stations, and a gridded reanalysis
/// of Beijing for one test week as NetCDF and maps — then a summary of everything written.</summary>
public static class DemoJob
{
    public const string BeijingBbox = "115.9,39.6,116.9,40.5";
    /// <summary>Epochs of the demo's production model: few, but past the point where it matches the hybrid baseline on the
    /// validation gaps (model.json records both), so the maps show a model that earned its place.</summary>
    public const int FitEpochs = 4;

    public static string Run(string outDir, string? dataFrom, IProgress<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        void Stage(string s) => progress?.Report($"\n== {s} ({Fmt.F(clock.Elapsed.TotalMinutes, 1)} min)");

        Stage("1/7 data");
        var zip = BeijingDataset.Locate(dataFrom) ?? BeijingDataset.Download(dataFrom, BeijingDataset.DefaultUrl, null, false, progress, ct);
        progress?.Report($"UCI Beijing multi-site data: {zip}");

        Stage("2/7 ingest");
        var store = Path.Combine(outDir, "beijing.duckdb");
        var stations = Path.Combine(Path.GetDirectoryName(zip)!, "stations.csv");
        var ingest = IngestJob.Run("prsa", [zip], new ImportOptions { StationsFile = File.Exists(stations) ? stations : null }, store, progress, ct);
        progress?.Report(ingest.ToText());

        Stage("3/7 temporal: AQ-Net against persistence, climatology and ridge (table1, short schedule)");
        var temporalDir = Path.Combine(outDir, "temporal");
        var temporal = TemporalJob.Run(new TemporalJobOptions
        {
            StorePath = store, Protocol = "table1", OutputDir = temporalDir,
            Models = [TemporalModelKind.Persistence, TemporalModelKind.Climatology, TemporalModelKind.Ridge, TemporalModelKind.Aqnet],
            Train = new TrainOptions { Epochs = 4, MaxBatchesPerEpoch = 300, Patience = 2 },
        }, progress, ct);

        Stage("4/7 spatial: neural kNN against mean, nearest, IDW and kriging at hidden stations (holdout, short schedule)");
        var spatialDir = Path.Combine(outDir, "spatial");
        var spatial = SpatialExperiment.Run(new SpatialExperimentOptions
        {
            StorePath = store, OutputDir = spatialDir, Protocol = SpatialProtocolKind.Holdout, HiddenRatio = 0.2, Quick = true,
        }, progress, ct);

        Stage("5/7 the production reanalysis model: aqnet-st on every station and hour, its 90% interval calibrated on validation gaps");
        var modelDir = Path.Combine(outDir, "model");
        var fit = FitJob.Run(new FitOptions
        {
            StorePath = store, OutputDir = modelDir, Train = new StTrainOptions { Epochs = FitEpochs }, Command = $"aqnet demo (aqnet fit --epochs {FitEpochs})",
        }, progress, ct);
        progress?.Report(fit.TrimEnd());

        var (from, to) = TestWeek(store);
        Stage("6/7 the gap-filled station record of that week (every station, every hour)");
        var filledPath = Path.Combine(outDir, "beijing_pm25_stations_week.nc");
        var filled = ModelFill.Run(new FillOptions { StorePath = store, OutPath = filledPath, FromUtc = from, ToUtc = to, CommandLine = "aqnet demo (aqnet fill --model model)" },
            modelDir, progress, ct);

        Stage("7/7 gridded reanalysis of Beijing for the same week, from the production model");
        var nc = Path.Combine(outDir, "beijing_pm25_week.nc");
        var maps = Path.Combine(outDir, "maps");
        var reanalysis = ReanalyzeJob.Run(new ReanalyzeOptions
        {
            ModelDir = modelDir, StorePath = store, Grid = ReanalyzeOptions.ParseGrid(BeijingBbox, 0.02),
            FromUtc = from, ToUtc = to, OutPath = nc, PngDir = maps,
        }, progress, ct);

        var sb = new StringBuilder();
        sb.AppendLine(Fmt.Inv, $"AqNet demo finished in {Fmt.F(clock.Elapsed.TotalMinutes, 1)} min. Written:");
        sb.AppendLine($"  store:               {store}");
        sb.AppendLine($"  temporal results:    {Path.Combine(temporalDir, "results.json")}, {Path.Combine(temporalDir, "report.md")}, {Path.Combine(temporalDir, "figures")}");
        sb.AppendLine($"  spatial results:     {Path.Combine(spatialDir, "results.json")}, {Path.Combine(spatialDir, "report.md")}, {Path.Combine(spatialDir, "figures")}");
        sb.AppendLine($"  spatial model:       {Path.Combine(spatialDir, "model")}");
        sb.AppendLine($"  production model:    {modelDir} (model.aqst, model.json)");
        sb.AppendLine($"  station record:      {filledPath}");
        sb.AppendLine($"  reanalysis (NetCDF): {nc} ({Fmt.Utc(from)} .. {Fmt.Utc(to)})");
        sb.AppendLine($"  maps:                {maps}");
        sb.AppendLine();
        sb.Append(TemporalJob.Summary(temporal, temporalDir));
        sb.AppendLine("spatial, pooled over hidden stations and test hours (nowcast), µg/m³:");
        foreach (var r in spatial.Rows.Where(r => r.IsPooled && r.Task == SpatialTask.Nowcast))
            sb.AppendLine(Fmt.Inv, $"  {r.Model,-10} MAE {Fmt.F(r.Mae, 2),6}  RMSE {Fmt.F(r.Rmse, 2),6}  R² {Fmt.F(r.R2, 3)}  n {r.N}");
        sb.Append("production model: ").Append(fit);
        sb.Append(filled);
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
