using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using AqNet.Core.Data;

namespace AqNet.Torch.Spatial;

/// <summary>A short hash of the data a spatial model was trained on: station ids and positions, the training hours
/// (UTC) and every PM2.5 value and mask of those stations there. Another store, station set or period gives another
/// hash, so a model is never silently applied to data it was not trained for.</summary>
public static class SpatialFingerprint
{
    public static string Of(Panel panel, IReadOnlyList<int> stations, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (from < 0 || to > panel.Hours || from >= to)
            throw new ArgumentOutOfRangeException(nameof(from), $"hours [{from}, {to}) must be a non-empty range inside the panel's [0, {panel.Hours})");
        var v = panel.VariableIndex(Variables.Pm25);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = string.Join("|", stations.Select(s => panel.Stations[s]).Select(s =>
            $"{s.Id};{Fmt.D(s.Longitude ?? double.NaN, "R")};{Fmt.D(s.Latitude ?? double.NaN, "R")}"));
        h.AppendData(Encoding.UTF8.GetBytes($"{header}|{Fmt.Utc(panel.TimeAt(from))}|{to - from}"));
        var values = new float[to - from];
        var mask = new byte[to - from];
        foreach (var s in stations)
        {
            for (var t = from; t < to; t++)
            {
                var i = panel.Index(t, s, v);
                values[t - from] = panel.Mask[i] ? panel.Values[i] : 0;
                mask[t - from] = panel.Mask[i] ? (byte)1 : (byte)0;
            }
            h.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
            h.AppendData(mask);
        }
        return "sha256:" + Convert.ToHexStringLower(h.GetHashAndReset())[..24];
    }
}
