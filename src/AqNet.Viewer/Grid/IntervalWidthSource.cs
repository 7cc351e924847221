namespace AqNet.Viewer.Grid;

/// <summary>A grid with a calibrated interval (pm25_lower, pm25_upper: a model of `aqnet fit`) but no pm25_uncertainty
/// shows the interval's width (upper − lower, µg/m³) as its uncertainty layer.</summary>
internal sealed class IntervalWidthSource(IGridSource inner) : IGridSource
{
    public GridInfo Info { get; } = inner.Info with { Layers = [.. inner.Info.Layers, FieldLayer.Uncertainty] };

    public static IGridSource Wrap(IGridSource g) =>
        g.Info.Layers.Contains(FieldLayer.Upper) && !g.Info.Layers.Contains(FieldLayer.Uncertainty) ? new IntervalWidthSource(g) : g;

    public float[] Frame(FieldLayer layer, int t) =>
        layer == FieldLayer.Uncertainty ? Width(inner.Frame(FieldLayer.Lower, t), inner.Frame(FieldLayer.Upper, t)) : inner.Frame(layer, t);

    public float[] Series(FieldLayer layer, int cell) =>
        layer == FieldLayer.Uncertainty ? Width(inner.Series(FieldLayer.Lower, cell), inner.Series(FieldLayer.Upper, cell)) : inner.Series(layer, cell);

    public float[]? Static(string variable) => inner.Static(variable);

    private static float[] Width(float[] lower, float[] upper) => [.. lower.Zip(upper, (a, b) => b - a)];   // NaN stays NaN

    public void Dispose() => inner.Dispose();
}
