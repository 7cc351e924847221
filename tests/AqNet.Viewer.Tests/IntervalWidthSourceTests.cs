using AqNet.Viewer.Grid;
using Xunit;

namespace AqNet.Viewer.Tests;

/// <summary>A grid with a calibrated interval shows its width as the uncertainty layer; a grid with pm25_uncertainty
/// is left as it is.</summary>
public sealed class IntervalWidthSourceTests
{
    private sealed class Fake(params FieldLayer[] layers) : IGridSource
    {
        public GridInfo Info { get; } = new()
        {
            NLon = 2, NLat = 1, Lon0 = 116, Lat0 = 40, Resolution = 0.1, Times = [DateTime.UnixEpoch], Starts = [DateTime.UnixEpoch],
            Daily = false, Units = "ug m-3", Layers = layers, HasDistance = false, HasFarMask = false,
        };

        public float[] Frame(FieldLayer layer, int t) => layer switch
        {
            FieldLayer.Pm25 => [10, 20],
            FieldLayer.Lower => [4, float.NaN],
            FieldLayer.Upper => [19, 30],
            _ => [1, 2],
        };

        public float[] Series(FieldLayer layer, int cell) => [Frame(layer, 0)[cell]];
        public float[]? Static(string variable) => null;
        public void Dispose() { }
    }

    [Fact]
    public void The_interval_width_becomes_the_uncertainty_layer()
    {
        using var g = IntervalWidthSource.Wrap(new Fake(FieldLayer.Pm25, FieldLayer.Lower, FieldLayer.Upper));
        Assert.Contains(FieldLayer.Uncertainty, g.Info.Layers);
        Assert.Equal([15f, float.NaN], g.Frame(FieldLayer.Uncertainty, 0));
        Assert.Equal([15f], g.Series(FieldLayer.Uncertainty, 0));
        Assert.Equal([10f, 20f], g.Frame(FieldLayer.Pm25, 0));
    }

    [Fact]
    public void A_grid_with_its_own_uncertainty_is_not_wrapped()
    {
        var fake = new Fake(FieldLayer.Pm25, FieldLayer.Uncertainty);
        Assert.Same(fake, IntervalWidthSource.Wrap(fake));
        var noInterval = new Fake(FieldLayer.Pm25);
        Assert.Same(noInterval, IntervalWidthSource.Wrap(noInterval));
    }
}
