#:project ../src/AqNet.Torch/AqNet.Torch.csproj
#:property PublishAot=false
// AqNet as a library: ingest the UCI Beijing data, train the spatial model (short schedule), score it at hidden
// stations, and write a gridded day of PM2.5 as NetCDF with maps. Run from the repository's root:
//   dotnet run examples/quickstart.cs [OUTPUT_FOLDER]
// The data is found through $AQNET_DATA or ../shared/data, else downloaded from UCI (8 MB) into the cache.
using AqNet;
using AqNet.Core.Grid;

var work = args.Length > 0 ? args[0] : "quickstart-out";
Directory.CreateDirectory(work);
var log = new Progress<string>(Console.WriteLine);

var data = Observations.Ingest("prsa", [Observations.BeijingSample(log)], Path.Combine(work, "beijing.duckdb"));
var panel = data.Panel();
Console.WriteLine($"{panel.S} stations x {panel.Hours} hours from {panel.StartUtc:yyyy-MM-dd}, local time UTC{panel.UtcOffsetHours:+0;-0}");

var model = SpatialModel.Train(data, Path.Combine(work, "spatial"), new SpatialTraining { Quick = true });
foreach (var name in new[] { "idw", "kriging", "aqnet-knn" })
    Console.WriteLine($"{name,-10} MAE at hidden stations: {model.Score(name)!.Mae:F2} µg/m³");

var beijing = new GridSpec(115.9, 39.6, 116.9, 40.5, 0.05);
var day = new DateTime(2016, 12, 1, 1, 0, 0, DateTimeKind.Utc);
var grid = model.WriteGrid(data, beijing, day, day.AddHours(23), Path.Combine(work, "beijing.nc"), mapsFolder: Path.Combine(work, "maps"));
Console.WriteLine(grid.Report);
