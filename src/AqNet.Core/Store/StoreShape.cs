using AqNet.Core.Data;

namespace AqNet.Core.Store;

/// <summary>Checks that a file is an AqNet store before anything is written to it: a DuckDB file (by its header, so
/// DuckDB is never asked to open a SQLite or other file, which would make it look for an extension), with AqNet's
/// meta table, a schema version this AqNet reads, and the tables and columns of that version.</summary>
internal static class StoreShape
{
    /// <summary>DuckDB's file header: an 8-byte checksum, then the magic bytes "DUCK".</summary>
    private static ReadOnlySpan<byte> Magic => "DUCK"u8;

    private static readonly Dictionary<string, string[]> Columns = new(StringComparer.Ordinal)
    {
        ["meta"] = ["key", "value"],
        ["stations"] = ["id", "name", "longitude", "latitude", "city", "province", "type", "source", "time_zone", "first_hour", "last_hour"],
        ["ingests"] = ["id", "at_utc", "source", "time_zone", "files", "stations", "observed", "notes"],
        ["series"] = ["station_id", "variable", "start_hour", "vals", "flags"],
    };

    /// <summary>Refuses an existing file that is not a DuckDB database; an absent or empty file is a new store.</summary>
    public static void CheckHeader(string path)
    {
        if (!File.Exists(path)) return;
        var head = new byte[16];
        int n;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (fs.Length == 0) return;
            n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read store '{path}': {e.Message}", e);
        }
        if (n >= 12 && head.AsSpan(8, 4).SequenceEqual(Magic)) return;
        var kind = head.AsSpan(0, n).StartsWith("SQLite format 3"u8) ? "a SQLite database"
            : n < 12 ? $"only {n} bytes long" : "not a DuckDB file";
        throw new InputException($"'{path}' is {kind}, not an AqNet store; expected a DuckDB file written by `aqnet ingest` (or a new file name)");
    }

    /// <summary>True when the database holds no table or view at all (a new store).</summary>
    public static bool IsBlank(AqStore store) =>
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"), Fmt.Inv) == 0 &&
        Convert.ToInt64(store.Scalar("SELECT count(*) FROM duckdb_views() WHERE database_name = current_database() AND NOT internal"), Fmt.Inv) == 0;

    /// <summary>The store's schema version, after checking it names one this AqNet reads and that the tables and
    /// columns of that version are there. Nothing is written.</summary>
    public static int Validate(AqStore store)
    {
        var present = new Dictionary<string, (HashSet<string> Names, string ValsType)>(StringComparer.Ordinal);
        using (var cmd = store.Connection.CreateCommand())
        {
            cmd.CommandText = "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var table = r.GetString(0);
                if (!present.TryGetValue(table, out var t)) present[table] = t = (new HashSet<string>(StringComparer.Ordinal), "");
                t.Names.Add(r.GetString(1));
                if (table == "series" && r.GetString(1) == "vals") present[table] = (t.Names, r.GetString(2));
            }
        }
        if (!present.TryGetValue("meta", out var meta) || !meta.Names.Contains("key") || !meta.Names.Contains("value"))
            throw NotAqNet(store, present.Keys);
        if (store.Scalar("SELECT value FROM meta WHERE key = 'schema_version'") is null) throw NotAqNet(store, present.Keys);
        var version = StoreMigration.StoredVersion(store);
        foreach (var (table, cols) in Columns)
        {
            if (!present.TryGetValue(table, out var t))
                throw new InputException($"store '{store.Path}' (schema {version}) has no table '{table}'; expected the tables AqNet writes ({string.Join(", ", Columns.Keys)}): was it changed by another program?");
            var missing = cols.Where(c => !t.Names.Contains(c)).ToArray();
            if (missing.Length > 0)
                throw new InputException($"store '{store.Path}' (schema {version}): table '{table}' lacks column(s) {string.Join(", ", missing)}; was it changed by another program?");
        }
        var expectedVals = version == 1 ? "FLOAT[]" : "BLOB";
        if (present["series"].ValsType != expectedVals)
            throw new InputException($"store '{store.Path}' (schema {version}): series.vals is {present["series"].ValsType}, expected {expectedVals}; was it changed by another program?");
        return version;
    }

    private static InputException NotAqNet(AqStore store, IEnumerable<string> tables)
    {
        var list = tables.Order(StringComparer.Ordinal).Take(5).ToArray();
        return new InputException($"'{store.Path}' is a DuckDB file but not an AqNet store (no schema_version in a meta table; it has " +
                                  (list.Length == 0 ? "no tables" : "tables " + string.Join(", ", list)) + "); give a new file name or an AqNet store");
    }
}
