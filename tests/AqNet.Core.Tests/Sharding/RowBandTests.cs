using AqNet.Core.Grid;
using CsCheck;

namespace AqNet.Core.Tests.Sharding;

public sealed class RowBandTests
{
    [Fact]
    public void A_band_has_the_whole_grids_centres_and_edges_bit_for_bit()
    {
        Gen.Select(Gen.Double[70, 130], Gen.Double[10, 50], Gen.Double[0.3, 5], Gen.Double[0.007, 0.3], Gen.Int[0, 1000], Gen.Int[1, 1000])
            .Sample((lon, lat, size, res, a, b) =>
            {
                var g = new GridSpec(lon, lat, Math.Min(180, lon + size), Math.Min(90, lat + size), Math.Min(res, size));
                var first = a % g.NLat;
                var rows = 1 + b % (g.NLat - first);
                var band = g.RowBand(first, rows);
                Assert.Equal((rows, g.NLon), (band.NLat, band.NLon));
                for (var j = 0; j < rows; j++)
                {
                    Assert.Equal(g.LatCentre(first + j), band.LatCentre(j));
                    Assert.Equal(g.LatEdge(first + j), band.LatEdge(j));
                    Assert.Equal(g.Centre(g.NLon - 1, first + j), band.Centre(g.NLon - 1, j));
                }
                var inner = band.RowBand(rows - 1, 1);   // a band of a band is still the whole grid's row
                Assert.Equal(g.LatCentre(first + rows - 1), inner.LatCentre(0));
            });
    }
}
