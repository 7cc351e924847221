using System.Globalization;
using AqNet.Viewer.Grid;
using AqNet.Viewer.Hosting;
using AqNet.Viewer.Stations;

namespace AqNet.Viewer.Http;

public sealed record ScaleDto(double Min, double Max, IReadOnlyList<string> Stops, string Units);

public sealed record MetaDto(string Title, int NLon, int NLat, double Lon0, double Lat0, double Res, IReadOnlyList<string> Times, bool Daily,
    string Units, IReadOnlyList<string> Layers, bool HasDistance, bool HasFar, double? FarKm, bool HasStore, bool HasModel,
    ScaleDto Pm25, ScaleDto? Uncertainty);

public sealed record StationDto(string Id, string Name, double Lon, double Lat, int Cell, bool? Visible, float? Value);

public sealed record SeriesDto(string Label, int Cell, IReadOnlyList<string> Times, float?[] Observed, float?[] Reanalysis, float?[]? Lower,
    float?[]? Upper, string? Band, float?[]? Filled, float?[]? FilledLower, float?[]? FilledUpper);

public sealed record BoundaryDto(int Kind, float[] Coords);

/// <summary>The JSON shapes of the API (camelCase on the wire); NaN becomes null, JSON having no NaN.</summary>
internal static class ApiModels
{
    public static string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static float?[] Nullable(float[] v) => [.. v.Select(x => float.IsNaN(x) ? (float?)null : x)];

    public static MetaDto Meta(ViewerData d)
    {
        var g = d.Grid.Info;
        return new MetaDto(d.Title, g.NLon, g.NLat, g.Lon0, g.Lat0, g.Resolution, [.. g.Times.Select(Iso)], g.Daily, g.Units,
            [.. g.Layers.Select(l => l.ToString().ToLowerInvariant())], g.HasDistance, g.HasFarMask, g.FarThresholdKm, d.HasStore,
            d.Stations.Stations.Any(s => s.Visible is not null),
            Scale(d.Pm25Scale, g.Units), d.UncertaintyScale is { } u ? Scale(u, g.Units) : null);
    }

    private static ScaleDto Scale(ColourScale s, string units) => new(s.Min, s.Max, s.Stops, units);

    public static IEnumerable<StationDto> Stations(ViewerData d, int? t) =>
        d.Stations.Stations.Select((s, k) => new StationDto(s.Id, s.Name, s.Lon, s.Lat, s.Cell, s.Visible,
            t is { } i && !float.IsNaN(d.Stations.Observed(k, i)) ? d.Stations.Observed(k, i) : null));

    public static SeriesDto Series(Series s) => new(s.Label, s.Cell, [.. s.Times.Select(Iso)], Nullable(s.Observed), Nullable(s.Reanalysis),
        s.Lower is null ? null : Nullable(s.Lower), s.Upper is null ? null : Nullable(s.Upper), s.Band,
        s.Filled is { } f ? Nullable(f.Value) : null, s.Filled is { } g ? Nullable(g.Lower) : null, s.Filled is { } h ? Nullable(h.Upper) : null);

    public static IEnumerable<BoundaryDto> Boundaries(ViewerData d) =>
        d.Boundaries.Select(b => new BoundaryDto((int)b.Kind, [.. b.Lons.Zip(b.Lats).SelectMany(p => new[] { p.First, p.Second })]));

    public static FieldLayer? ParseLayer(string? text) => (text ?? "pm25").ToLowerInvariant() switch
    {
        "pm25" => FieldLayer.Pm25,
        "uncertainty" => FieldLayer.Uncertainty,
        "lower" => FieldLayer.Lower,
        "upper" => FieldLayer.Upper,
        _ => null,
    };
}
