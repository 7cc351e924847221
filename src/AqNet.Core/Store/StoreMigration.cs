using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>Brings an older store up to <see cref="StoreSchema.Version"/> inside the caller's transaction, so a
/// failed ingest leaves the old store as it was.</summary>
internal static class StoreMigration
{
    /// <summary>The store's schema version; a value that is not a number is refused, naming it.</summary>
    public static int StoredVersion(AqStore store)
    {
        var raw = store.Scalar("SELECT value FROM meta WHERE key = 'schema_version'") as string;
        if (raw is null) return StoreSchema.Version;   // OpenWrite has just created the store
        return int.TryParse(raw, System.Globalization.NumberStyles.Integer, Fmt.Inv, out var v) ? v
            : throw new InputException($"store '{store.Path}' has schema version '{raw}'; expected a number (1 or {StoreSchema.Version})");
    }

    /// <summary>Schema 1 → 2: `series.vals` FLOAT[] (NULL = not observed) becomes a float32 blob (NaN = not
    /// observed); the view `observations`, which read the lists, is dropped.</summary>
    public static void Upgrade(AqStore store)
    {
        var version = StoredVersion(store);
        if (version == StoreSchema.Version) return;
        if (version != 1)
            throw new InputException($"store '{store.Path}' has schema version {version}; this AqNet reads versions 1 and {StoreSchema.Version}");
        store.Execute("DROP VIEW IF EXISTS observations");
        store.Execute("CREATE TABLE series_v2(station_id VARCHAR NOT NULL, variable VARCHAR NOT NULL, start_hour INTEGER NOT NULL, vals BLOB NOT NULL, flags UTINYINT[])");
        using (var cmd = store.Connection.CreateCommand())
        using (var app = store.Connection.CreateAppender("series_v2"))
        {
            cmd.CommandText = "SELECT station_id, variable, start_hour, vals, flags FROM series";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var chunk = StoreChunks.Read(r, 3, 4);
                var row = app.CreateRow().AppendValue(r.GetString(0)).AppendValue(r.GetString(1)).AppendValue(r.GetInt32(2))
                    .AppendValue(StoreChunks.Blob(chunk.Values));
                if (r.IsDBNull(4)) row.AppendNullValue();
                else row.AppendValue((IEnumerable<byte>)chunk.Flags);
                row.EndRow();
            }
        }
        store.Execute("DROP TABLE series");
        store.Execute("ALTER TABLE series_v2 RENAME TO series");
        store.Execute($"UPDATE meta SET value = '{StoreSchema.Version}' WHERE key = 'schema_version'");
    }
}
