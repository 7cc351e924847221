using System.Text.Json;
using AqNet.Core.Experiments;
using AqNet.Core.Impute;
using Xunit;

namespace AqNet.Core.Tests.Impute;

public class ImputeRowTests
{
    [Fact]
    public void The_pooled_row_is_marked_by_its_station_and_results_json_keeps_its_keys()
    {
        var pooled = ImputeScores.Row("idw", "block", ImputeRow.AllStations, [Sums(10, 12)]);
        var one = ImputeScores.Row("idw", "block", "A", [Sums(10, 13)]);
        Assert.Equal((true, false), (pooled.IsPooled, one.IsPooled));
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(pooled, ResultsWriter.Json));
        Assert.Equal(["model", "protocol", "station", "mae", "mse", "rmse", "r2", "n", "coverage90", "width90", "seeds", "mae_std"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("all", doc.RootElement.GetProperty("station").GetString());
    }

    private static ImputeSums Sums(double observed, double estimate)
    {
        var s = new ImputeSums();
        s.Add(observed, estimate, estimate - 1, estimate + 1);
        return s;
    }
}
