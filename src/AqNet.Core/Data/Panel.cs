namespace AqNet.Core.Data;

/// <summary>A dense block of hourly data for a set of stations and variables: the form models train from.
/// Values are laid out row-major as [time, station, variable]; a missing value is NaN in
/// <see cref="Values"/> AND false in <see cref="Mask"/> (always test the mask, never NaN alone).
/// <see cref="Flags"/> holds the QC bits (see <c>QcFlags</c>) of each cell; a flagged value stays in
/// Values/Mask so that callers decide whether to use it.</summary>
public sealed class Panel
{
    public Panel(DateTime startUtc, int hours, IReadOnlyList<Station> stations, IReadOnlyList<string> variables)
    {
        if (startUtc.Kind != DateTimeKind.Utc) throw new ArgumentException($"startUtc must be UTC, got Kind={startUtc.Kind}", nameof(startUtc));
        Guard.AtLeast(hours, 0, nameof(hours));
        StartUtc = startUtc;
        Hours = hours;
        Stations = stations;
        Variables = variables;
        var n = checked(hours * stations.Count * variables.Count);
        Values = new float[n];
        Array.Fill(Values, float.NaN);
        Mask = new bool[n];
        Flags = new byte[n];
    }

    /// <summary>Time of index 0, UTC. Index t is StartUtc + t hours; the value there is the mean of the hour ending then.</summary>
    public DateTime StartUtc { get; }
    public int Hours { get; }
    public IReadOnlyList<Station> Stations { get; }
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The network's local time as whole hours east of UTC (Beijing +8, a UTC-based network 0): local days,
    /// the cyclic time encoding and climatology follow it. <see cref="Store.PanelLoader"/> sets it from the time zone
    /// the store recorded at ingest; a panel built by hand is UTC unless it says otherwise.</summary>
    public int UtcOffsetHours
    {
        get;
        init
        {
            Guard.UtcOffset(value, nameof(UtcOffsetHours));
            field = value;
        }
    }

    /// <summary>[T, S, V], µg/m³ for pollutants.</summary>
    public float[] Values { get; }
    /// <summary>[T, S, V], true where a real observation exists.</summary>
    public bool[] Mask { get; }
    /// <summary>[T, S, V], QC bits; 0 = no flag.</summary>
    public byte[] Flags { get; }

    public int S => Stations.Count;
    public int V => Variables.Count;

    public int Index(int t, int s, int v) => (t * S + s) * V + v;

    public DateTime TimeAt(int t) => StartUtc.AddHours(t);

    public int VariableIndex(string variable)
    {
        for (var i = 0; i < Variables.Count; i++)
            if (Variables[i] == variable) return i;
        throw new InputException($"variable '{variable}' is not in this panel; it has {string.Join(", ", Variables)}");
    }

    /// <summary>A copy of the first <paramref name="hours"/> hours (same stations, variables and start): e.g. the hours
    /// before an evaluation's test part, for a development run that never uses them.</summary>
    public Panel Head(int hours)
    {
        if (hours < 1 || hours > Hours)
            throw new ArgumentOutOfRangeException(nameof(hours), hours, $"expected 1 to {Hours} hours (this panel's length)");
        var head = new Panel(StartUtc, hours, Stations, Variables) { UtcOffsetHours = UtcOffsetHours };
        var n = hours * S * V;   // [T, S, V] row-major: the first hours are a prefix
        Values.AsSpan(0, n).CopyTo(head.Values);
        Mask.AsSpan(0, n).CopyTo(head.Mask);
        Flags.AsSpan(0, n).CopyTo(head.Flags);
        return head;
    }

    public void Set(int t, int s, int v, float value, byte flags = 0)
    {
        var i = Index(t, s, v);
        var ok = float.IsFinite(value);
        Values[i] = ok ? value : float.NaN;
        Mask[i] = ok;
        Flags[i] = flags;
    }
}
