using AqNet.Core.Store;
using DuckDB.NET.Data;

namespace AqNet.Core.Fill;

/// <summary>A filled record as Parquet (zstd), written by DuckDB: one row per station and hour with the station's name
/// and coordinates, time_utc, value, lower, upper and flag (0 observed, 1 filled, 2 observed but QC-flagged).</summary>
public static class FilledParquet
{
    public static long Write(string path, FilledRecord r) => FilledStore.CopyTo(path, tmp =>
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        Execute(c, """
            CREATE TABLE filled(station_id VARCHAR, station_name VARCHAR, longitude DOUBLE, latitude DOUBLE, time_utc TIMESTAMP,
                                value FLOAT, lower FLOAT, upper FLOAT, flag UTINYINT)
            """);
        using (var app = c.CreateAppender("filled"))
            for (var s = 0; s < r.S; s++)
            {
                var st = r.Stations[s];
                for (var t = 0; t < r.Hours; t++)
                {
                    var i = r.Index(t, s);
                    app.CreateRow().AppendValue(st.Id).AppendValue(st.Name).AppendValue(st.Longitude).AppendValue(st.Latitude).AppendValue(r.TimeAt(t))
                        .AppendValue(N(r.Value[i])).AppendValue(N(r.Lower[i])).AppendValue(N(r.Upper[i])).AppendValue((byte)r.Flag[i]).EndRow();
                }
            }
        Execute(c, $"COPY filled TO {AqStore.Quote(tmp)} (FORMAT parquet, COMPRESSION zstd)");
        return (long)r.S * r.Hours;
    });

    private static float? N(float v) => float.IsNaN(v) ? null : v;

    private static void Execute(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
