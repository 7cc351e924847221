using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>Entry point of all importers. Everything is read and validated in memory; a bad file throws
/// <see cref="InputException"/> before any store is touched.</summary>
public static class Importers
{
    /// <summary>Format names accepted by <see cref="Read"/>.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["prsa", "cnemc", "bjmemc", "long", "wide", "aqi36"];

    /// <param name="format">prsa (UCI Beijing multi-site), cnemc (quotsoft china_sites_*.csv), bjmemc (quotsoft
    /// beijing_all/extra_*.csv), long (a long table mapped by <see cref="ImportOptions.Long"/>), wide (a time column and one
    /// column per station, <see cref="WideImporter"/>) or aqi36 (the AQI-36 benchmark folder).</param>
    /// <param name="paths">Files, folders and zips (also zips inside zips, and .gz files).</param>
    public static ImportBatch Read(string format, IReadOnlyList<string> paths, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var batch = (format ?? "").Trim().ToLowerInvariant() switch
        {
            "prsa" => PrsaImporter.Read(paths, options, progress, ct),
            "cnemc" => QuotsoftImporter.ReadCnemc(paths, options, progress, ct),
            "bjmemc" => QuotsoftImporter.ReadBjmemc(paths, options, progress, ct),
            "long" => LongImporter.Read(paths, options, progress, ct),
            "wide" => WideImporter.Read(paths, options, progress, ct),
            "aqi36" => Aqi36Importer.Read(paths, progress, ct),
            _ => throw new InputException($"unknown import format '{format}'; expected one of {string.Join(", ", Formats)}"),
        };
        batch.NoteRepeats(batch.Series.Sum(kv => kv.Value.IdenticalRepeats));
        return batch;
    }
}
