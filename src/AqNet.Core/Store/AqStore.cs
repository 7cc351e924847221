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
        StoreShape.CheckHeader(path);
        var store = Open(path, readOnly: true);
        try
        {
            if (StoreShape.IsBlank(store)) throw new InputException($"'{path}' is an empty DuckDB file, not an AqNet store; create one with `aqnet ingest ... --store {path}`");
            StoreShape.Validate(store);
        }
        catch (Exception e)
        {
            store.Dispose();
            throw StoreErrors.Describe(e, path) ?? e;
        }
        return store;
    }

    /// <summary>Opens a store for writing, creating it if absent. An existing file is checked first (a DuckDB file with
    /// AqNet's tables and a schema version this AqNet reads), and nothing is written to it before that.</summary>
    public static AqStore OpenWrite(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) throw new InputException($"cannot create store '{path}': folder '{dir}' does not exist");
        if (Directory.Exists(path)) throw new InputException($"store '{path}' is a folder; expected a DuckDB file name");
        StoreShape.CheckHeader(path);
        var store = Open(path, readOnly: false);
        try
        {
            if (StoreShape.IsBlank(store))
            {
                store.Execute(StoreSchema.Ddl);
                store.Execute($"INSERT INTO meta VALUES ('schema_version', '{StoreSchema.Version}')");
            }
            else StoreShape.Validate(store);
        }
        catch (Exception e)
        {
            store.Dispose();
            throw StoreErrors.Describe(e, path) ?? e;
        }
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
            // A store is only ever a DuckDB file: never let DuckDB fetch or load an extension to read another format.
            cmd.CommandText = "SET autoinstall_known_extensions = false; SET autoload_known_extensions = false; " +
                              $"ATTACH {Quote(path)} AS store (ROW_GROUP_SIZE {RowGroupSize}{(readOnly ? ", READ_ONLY" : "")}); USE store;";
            cmd.ExecuteNonQuery();
        }
        catch (Exception e) when (e is DuckDBException or IOException)
        {
            connection.Dispose();
            throw StoreErrors.Describe(e, path) ?? new InputException($"cannot open store '{path}': {e.Message.Split('\n')[0]}", e);
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
