// Commands that train run in-process here, and torch's RNG and thread count are process-wide: a class running beside
// another would draw from the other's seeded generator. A second class allocating on another thread is also what
// lets the GC finalize one of TorchSharp's temporary Scalars while a native op still reads it (see Runtime.Scalars
// in AqNet.Torch). So the classes run one at a time, as the aqnet process itself runs its torch work on one thread.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace AqNet.Cli.Tests;

/// <summary>Tiny hand-written input files in a fresh temp folder, deleted on dispose.</summary>
public sealed class Fixtures : IDisposable
{
    public const string PrsaHeader = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\",\"RAIN\",\"wd\",\"WSPM\",\"station\"";

    public Fixtures()
    {
        Dir = Path.Combine(Path.GetTempPath(), "aqnet-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string Path_(string name) => System.IO.Path.Combine(Dir, name);

    public string Write(string name, string text)
    {
        var p = Path_(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text.Replace("\r\n", "\n").Replace("\n", "\r\n"));
        return p;
    }

    /// <summary>Two PRSA stations, 4 local hours each (2013-03-01 00..03h Beijing = 2013-02-28 16..19h UTC), and a stations file.</summary>
    public string PrsaFolder(string sub = "prsa")
    {
        Write($"{sub}/PRSA_Data_Alpha_20130301-20170228.csv", PrsaHeader + "\n" +
            "1,2013,3,1,0,10,20,4,7,300,77,-0.7,1023,-18.8,0,NNW,4.4,\"Alpha\"\n" +
            "2,2013,3,1,1,NA,21,4,7,300,77,-1.1,1023.2,-18.2,0,N,4.7,\"Alpha\"\n" +
            "3,2013,3,1,2,30,22,5,10,300,73,-1.1,1023.5,-18.2,0,NNW,5.6,\"Alpha\"\n" +
            "4,2013,3,1,3,40,23,11,11,300,72,-1.4,1024.5,-19.4,0,NW,3.1,\"Alpha\"\n");
        Write($"{sub}/PRSA_Data_Beta_20130301-20170228.csv", PrsaHeader + "\n" +
            "1,2013,3,1,0,5,9,4,7,300,77,-0.7,1023,-18.8,0,NNW,4.4,\"Beta\"\n" +
            "2,2013,3,1,1,6,9,4,7,300,77,-1.1,1023.2,-18.2,0,N,4.7,\"Beta\"\n" +
            "3,2013,3,1,2,NA,NA,5,10,300,73,-1.1,1023.5,-18.2,0,NNW,5.6,\"Beta\"\n" +
            "4,2013,3,1,3,NA,NA,11,11,300,72,-1.4,1024.5,-19.4,0,NW,3.1,\"Beta\"\n");
        Write($"{sub}/stations.csv", "station,cnemc_code,name_zh,longitude,latitude\nAlpha,1001A,甲,116.40,39.90\nBeta,1002A,乙,116.20,40.10\n");
        return Path_(sub);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
