using System.IO.Compression;
using AqNet.Core.Data;

namespace AqNet.Core.Datasets;

/// <summary>The UCI Beijing multi-site data set (Zhang et al. 2017, CC BY 4.0): where to find it, and how to
/// download it from UCI into a cache folder. UCI ships the 12 station CSVs in an inner zip inside an outer zip.</summary>
public static class BeijingDataset
{
    public const string DefaultUrl = "https://archive.ics.uci.edu/static/public/501/beijing+multi+site+air+quality+data.zip";
    public const string InnerZipName = "PRSA2017_Data_20130301-20170228.zip";
    public const int Files = 12, RowsPerFile = 35_064;

    /// <summary>Where the inner zip is, without any download: a file or folder given by the user, $AQNET_DATA,
    /// a shared/data folder beside the working directory's ancestors, or the cache. Null if none has it.</summary>
    public static string? Locate(string? from = null)
    {
        foreach (var root in Candidates(from))
        {
            if (File.Exists(root) && root.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return root;
            foreach (var p in new[] { Path.Combine(root, InnerZipName), Path.Combine(root, "beijing-multisite", InnerZipName) })
                if (File.Exists(p)) return p;
        }
        return null;
    }

    private static IEnumerable<string> Candidates(string? from)
    {
        if (from is not null) { yield return from; yield break; }
        var env = Environment.GetEnvironmentVariable("AQNET_DATA");
        if (!string.IsNullOrEmpty(env)) yield return env;
        // shared/data beside the repository: walk up from the working folder and from the program's own folder
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                yield return Path.Combine(d.FullName, "shared", "data");
        yield return CacheFolder();
    }

    public static string CacheFolder()
    {
        var env = Environment.GetEnvironmentVariable("AQNET_CACHE");
        var root = !string.IsNullOrEmpty(env) ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } h ? h : Path.GetTempPath(), ".cache", "aqnet");
        return Path.Combine(root, "data", "beijing");
    }

    /// <summary>`aqnet data download beijing`: use a local copy when one is given or found (offline), else
    /// (or with <paramref name="force"/>) download the outer zip from <paramref name="url"/>, unpack the inner zip into the cache, and verify it.</summary>
    public static string Download(string? from, string url, string? cacheFolder, bool force, IProgress<string>? progress, CancellationToken ct)
    {
        var local = from is not null || (!force && Environment.GetEnvironmentVariable("AQNET_DATA") is { Length: > 0 }) ? Locate(from) : null;
        if (from is not null && local is null)
            throw new InputException($"--from '{from}': no {InnerZipName} there (expected the file itself, or a folder holding it or beijing-multisite/{InnerZipName})");
        var cache = cacheFolder ?? CacheFolder();
        if (local is null)
        {
            Directory.CreateDirectory(cache);
            var outer = Path.Combine(cache, "beijing+multi+site+air+quality+data.zip");
            if (force || !File.Exists(outer)) Http.DownloadFile(url, outer, progress, ct);
            local = UnpackInner(outer, cache);
        }
        progress?.Report($"verifying {local}");
        Verify(local);
        progress?.Report($"ok: {Files} files × {RowsPerFile:N0} rows in {local}");
        return local;
    }

    /// <summary>Extracts the inner zip from UCI's outer zip (temp + rename).</summary>
    public static string UnpackInner(string outerZip, string folder)
    {
        var target = Path.Combine(folder, InnerZipName);
        try
        {
            using var zip = ZipFile.OpenRead(outerZip);
            var entry = zip.Entries.FirstOrDefault(e => e.Name == InnerZipName)
                ?? throw new InputException($"{outerZip}: no entry named {InnerZipName}; is this UCI's Beijing multi-site archive?");
            AtomicFile.WriteVia(target, tmp => entry.ExtractToFile(tmp, overwrite: true));
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"{outerZip}: not a readable zip archive ({e.Message})", e);
        }
        return target;
    }

    /// <summary>Checks the inner zip holds 12 station CSVs of 35,064 data rows each.</summary>
    public static void Verify(string innerZip)
    {
        using var zip = ZipFile.OpenRead(innerZip);
        var csvs = zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
        if (csvs.Count != Files) throw new InputException($"{innerZip}: expected {Files} station CSV files, found {csvs.Count}");
        foreach (var e in csvs)
        {
            using var reader = new StreamReader(e.Open());
            var rows = -1; // the header is not a row
            while (reader.ReadLine() is not null) rows++;
            if (rows != RowsPerFile) throw new InputException($"{innerZip}/{e.FullName}: expected {RowsPerFile:N0} rows, found {rows:N0} (truncated or not the UCI file)");
        }
    }
}
