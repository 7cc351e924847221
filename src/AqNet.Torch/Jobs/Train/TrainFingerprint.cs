using AqNet.Core.Data;

namespace AqNet.Torch.Jobs.Train;

/// <summary>What a model of `aqnet train` was trained on: the store (its fingerprint), the protocol, the horizon and
/// whether meteorology was an input. A checkpoint carries it as "STORE|PROTOCOL|HORIZON|met" (or "|pollutants");
/// `aqnet evaluate` reads it back to rebuild the same windows and refuses another store.</summary>
/// <param name="Horizon">The horizon label: "24h" (table1, hours) or "7d" (table2, days).</param>
public sealed record TrainFingerprint(string Store, string Protocol, string Horizon, bool Meteorology)
{
    /// <summary>The horizon in steps (hours or days), from its label.</summary>
    public int Steps => int.Parse(Horizon[..^1], Fmt.Inv);

    public override string ToString() => $"{Store}|{Protocol}|{Horizon}|{(Meteorology ? "met" : "pollutants")}";

    /// <summary>The fingerprint written in a checkpoint, or null when the text is not one `aqnet train` writes.</summary>
    public static TrainFingerprint? TryParse(string text)
    {
        var p = text.Split('|');
        if (p.Length != 4 || p[3] is not ("met" or "pollutants")) return null;
        var h = p[2];
        if (h.Length < 2 || h[^1] is not ('h' or 'd') || !int.TryParse(h[..^1], System.Globalization.NumberStyles.None, Fmt.Inv, out _)) return null;
        return new TrainFingerprint(p[0], p[1], h, p[3] == "met");
    }
}
