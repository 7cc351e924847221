using AqNet.Core.Data;
using DuckDB.NET.Data;

namespace AqNet.Core.Store;

/// <summary>An AqNet store: one DuckDB file. Open it for reading (it must exist) or for writing (created if
/// absent). Dispose closes the connection.</summary>
public sealed class AqStore : IDisposable
{
    private AqStore(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    public string Path { get; }
    internal DuckDBConnection Connection { get; }

    public static AqStore OpenRead(string path)
    {
        if (!File.Exists(path)) throw new InputException($"store '{path}' does not exist; create it with `aqnet ingest ... --store {path}`");
        var store = Open(path, readOnly: true);
        var version = store.Scalar("SELECT value FROM meta WHERE key = 'schema_version'");
        if (version is null) { store.Dispose(); throw new InputException($"'{path}' is a DuckDB file but not an AqNet store (no schema_version)"); }
        try { StoreMigration.StoredVersion(store); }
        catch { store.Dispose(); throw; }
        return store;
    }

    public static AqStore OpenWrite(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot create store '{path}': folder '{dir}' does not exist");
        var store = Open(path, readOnly: false);
        store.Execute(StoreSchema.Ddl);
        store.Execute($"INSERT OR IGNORE INTO meta VALUES ('schema_version', '{StoreSchema.Version}')");
        return store;
    }

    /// <summary>The file is attached to an in-memory DuckDB with a row group of 16,384 rows instead of the default
    /// 122,880: a month chunk row holds up to 744 hours, so an ingest of a national network (~35,000 chunks) then
    /// spans several row groups, which DuckDB writes to the file as it appends instead of logging the whole batch to
    /// the WAL and compressing it at the checkpoint (0.2 s of 2.9 s for the CNEMC quarter, docs/benchmarks.md).</summary>
    private static AqStore Open(string path, bool readOnly)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"ATTACH {Quote(path)} AS store (ROW_GROUP_SIZE {RowGroupSize}{(readOnly ? ", READ_ONLY" : "")}); USE store;";
            cmd.ExecuteNonQuery();
        }
        catch (Exception e) when (e is DuckDBException or IOException)
        {
            connection.Dispose();
            throw new InputException($"cannot open store '{path}': {e.Message}", e);
        }
        return new AqStore(path, connection);
    }

    internal const int RowGroupSize = 16384;

    /// <summary>Loads DuckDB's native library and runs its first query and append on an in-memory database, touching
    /// no file: an ingest calls it on another core while it parses, so the store's open and write do not pay for it.
    /// Failures are left to the real open, which reports them.</summary>
    public static void WarmUp()
    {
        try
        {
            using var c = new DuckDBConnection("Data Source=:memory:");
            c.Open();
            using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = "CREATE TABLE w(a VARCHAR, b INTEGER, c BLOB, d UTINYINT[])";
                cmd.ExecuteNonQuery();
            }
            using var app = c.CreateAppender("w");
            app.CreateRow().AppendValue("x").AppendValue(1).AppendValue(new byte[] { 1 }).AppendValue((IEnumerable<byte>)new byte[] { 1 }).EndRow();
        }
        catch (Exception e) when (e is DuckDBException or IOException or DllNotFoundException)
        {
        }
    }

    internal void Execute(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal object? Scalar(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    internal static string Quote(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    public void Dispose() => Connection.Dispose();
}
