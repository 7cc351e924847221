using AqNet.Cli;
using DuckDB.NET.Data;

namespace AqNet.Cli.Tests;

/// <summary>`ingest long --unit` converts to µg/m³ before storing; a bad unit is one message, exit 2.</summary>
public sealed class LongUnitsCliTests : IDisposable
{
    private readonly Fixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Units_per_variable_are_converted_and_stored_in_ug_per_m3()
    {
        var csv = _fx.Write("w.csv", "station,time,NO2,CO\nA,2019-01-01T00:00Z,24.45,1\n");
        var store = _fx.Path_("s.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "long", csv, "--value-column", "NO2,CO", "--unit", "NO2=ppb,CO=mg/m3", "--store", store);
        Assert.True(exit == 0, err);
        using var c = new DuckDBConnection("Data Source=" + store);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT string_agg(variable || '=' || value, ' ' ORDER BY variable) FROM observations";
        Assert.Equal("CO=1000.0 NO2=46.0055", cmd.ExecuteScalar());
    }

    [Theory]
    [InlineData("NO2=furlongs", "--unit 'furlongs': expected ppb, ppm, ug/m3 or mg/m3")]
    [InlineData("PM=ppb", "--unit PM=ppb: 'PM' is not a variable")]
    public void A_bad_unit_is_refused(string unit, string expected)
    {
        var csv = _fx.Write("w.csv", "station,time,NO2,CO\nA,2019-01-01T00:00Z,24.45,1\n");
        var store = _fx.Path_("s.duckdb");
        var (exit, _, err) = CliApp.Run("ingest", "long", csv, "--value-column", "NO2,CO", "--unit", unit, "--store", store);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.False(File.Exists(store));
    }
}
