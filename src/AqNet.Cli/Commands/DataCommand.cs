using System.CommandLine;
using AqNet.Core.Datasets;

namespace AqNet.Cli.Commands;

public static class DataCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("dataset") { Description = "beijing: the UCI Beijing multi-site set (12 stations, 2013-03 .. 2017-02)." };
        var from = new Option<string?>("--from") { Description = "Use this local file or folder instead of downloading (also: $AQNET_DATA)." };
        var url = new Option<string>("--url") { Description = "Where to download from.", DefaultValueFactory = _ => BeijingDataset.DefaultUrl };
        var cache = new Option<string?>("--cache") { Description = "Cache folder (default $AQNET_CACHE/data/beijing or ~/.cache/aqnet/data/beijing)." };
        var force = new Option<bool>("--force") { Description = "Download again even if a local copy is found." };
        var download = new Command("download", "Fetch a public data set into the cache, unpack and verify it.") { name, from, url, cache, force };
        download.SetAction((r, ct) =>
        {
            if (r.GetValue(name) != "beijing") throw new AqNet.Core.Data.InputException($"unknown dataset '{r.GetValue(name)}'; expected beijing");
            var path = BeijingDataset.Download(r.GetValue(from), r.GetValue(url)!, r.GetValue(cache), r.GetValue(force), CliRun.Progress(r), ct);
            r.InvocationConfiguration.Output.WriteLine(path);
            return Task.FromResult(0);
        });
        return new Command("data", "Public data sets.") { download };
    }
}
