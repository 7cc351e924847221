using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>Brings an older store up to <see cref="StoreSchema.Version"/> inside the caller's transaction, so a
/// failed ingest leaves the old store as it was.</summary>
internal static class StoreMigration
{
    /// <summary>The store's schema version; one this AqNet cannot read (or not a number) is refused, naming it.</summary>
    public static int StoredVersion(AqStore store)
    {
        var raw = store.Scalar("SELECT value FROM meta WHERE key = 'schema_version'") as string;
        if (raw is null) return StoreSchema.Version;   // OpenWrite has just created the store
        if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, Fmt.Inv, out var v))
            throw new InputException($"store '{store.Path}' has schema version '{raw}'; expected a number (1 or {StoreSchema.Version})");
        if (v < 1 || v > StoreSchema.Version)
            throw new InputException($"store '{store.Path}' has schema version {v}; this AqNet reads versions 1 to {StoreSchema.Version} (a newer AqNet wrote it?)");
        return v;
    }

    /// <summary>Schema 1 → 2: `series.vals` FLOAT[] (NULL = not observed) becomes a float32 blob (NaN = not
    /// observed); the view `observations`, which read the lists, is dropped.</summary>
    public static void Upgrade(AqStore store)
    {
        var version = StoredVersion(store);
        if (version == StoreSchema.Version) return;
        store.Execute("DROP VIEW IF EXISTS observations");
        store.Execute(StoreSchema.SeriesTable("series_v2"));
        StoreWriter.AppendChunks(store, StoreChunks.Query(store), "series_v2");
        store.Execute("DROP TABLE series");
        store.Execute("ALTER TABLE series_v2 RENAME TO series");
        store.Execute($"UPDATE meta SET value = '{StoreSchema.Version}' WHERE key = 'schema_version'");
    }
}
