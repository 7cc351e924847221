using AqNet.Core.Data;

namespace AqNet.Core.Import;

/// <summary>One station's hourly values of one variable, on an absolute-hour axis (<see cref="HourAxis"/>) that
/// grows in both directions as values arrive. A cell is Missing until set; setting it twice is an error.</summary>
/// <param name="capacityHours">Hours to allocate at the first value when the importer knows the span (e.g. one day per
/// file × the number of files): growing by doubling from 64 hours allocated and copied twice the final size, which for
/// the national network's 11,000 series was a third of an ingest's page faults.</param>
public sealed class SeriesBuilder(string stationId, string variable, int capacityHours = 0)
{
    public const byte Missing = 0, Observed = 1, SetEmpty = 2; // SetEmpty: the file had the row/cell but it was blank

    private float[] _values = [];
    private byte[] _state = [];
    private int _start; // absolute hour of index 0
    private int _lo = int.MaxValue, _hi = int.MinValue; // [lo, hi] = hours touched

    public string StationId { get; } = stationId;
    public string Variable { get; } = variable;

    /// <summary>QC bits per hour, same indexing as the values; filled by quality control after import.</summary>
    public byte[] Flags { get; private set; } = [];

    public bool IsEmpty => _lo > _hi;
    /// <summary>First and last absolute hour touched (observed or explicitly blank).</summary>
    public int FirstHour => _lo;
    public int LastHour => _hi;
    public int Length => IsEmpty ? 0 : _hi - _lo + 1;

    /// <summary>Records an observation (finite value) or an explicit blank (NaN) at an absolute hour.</summary>
    /// <param name="where">file and line, for the duplicated-timestamp message.</param>
    public void Set(int hour, float value, string where)
    {
        Ensure(hour);
        var i = hour - _start;
        if (_state[i] != Missing)
        {
            // An exact repeat (the same row or column published twice) is read once and counted; a conflict is refused.
            var same = float.IsFinite(value) ? _state[i] == Observed && _values[i] == value : _state[i] == SetEmpty;
            if (same) { IdenticalRepeats++; return; }
            throw new InputException($"{where}: duplicated timestamp {Fmt.Utc(HourAxis.ToUtc(hour))} for station '{StationId}', variable {Variable} " +
                                     $"with another value ({Show(i)} before, {(float.IsFinite(value) ? Fmt.D(value) : "empty")} here); each station, variable and hour may appear once, or repeat the same value");
        }
        if (float.IsFinite(value)) { _values[i] = value; _state[i] = Observed; }
        else { _values[i] = float.NaN; _state[i] = SetEmpty; }
    }

    /// <summary>Cells given again with the same value (identical repeated rows or columns), read once.</summary>
    public long IdenticalRepeats { get; private set; }

    private string Show(int i) => _state[i] == Observed ? Fmt.D(_values[i]) : "empty";

    /// <summary>Overwrites a cell without the duplicate check (used by documented reconciliation rules only).</summary>
    public void Overwrite(int hour, float value)
    {
        Ensure(hour);
        var i = hour - _start;
        _values[i] = float.IsFinite(value) ? value : float.NaN;
        _state[i] = float.IsFinite(value) ? Observed : SetEmpty;
    }

    /// <summary>Like <see cref="Set"/> but returns false instead of throwing when the cell was already set, so hot
    /// import loops build the (file, line) message only on failure. Compatible extension of the original API.</summary>
    public bool TrySet(int hour, float value)
    {
        Ensure(hour);
        var i = hour - _start;
        if (_state[i] != Missing) return false;
        if (float.IsFinite(value)) { _values[i] = value; _state[i] = Observed; }
        else { _values[i] = float.NaN; _state[i] = SetEmpty; }
        return true;
    }

    /// <summary>Many cells at once, for importers that hold a day as a [row, column] block: src[offset + k·stride] at
    /// hours[k]. Returns −1, or the first k whose hour was already set (the caller reports it with <see cref="Set"/>;
    /// the ingest fails there, so what was set before it does not matter).</summary>
    public int TrySetStrided(ReadOnlySpan<int> hours, float[] src, int offset, int stride)
    {
        if (hours.IsEmpty) return -1;
        int lo = hours[0], hi = hours[0];
        foreach (var h in hours) { if (h < lo) lo = h; if (h > hi) hi = h; }
        Ensure(lo);
        Ensure(hi);
        for (var k = 0; k < hours.Length; k++)
        {
            var i = hours[k] - _start;
            if (_state[i] != Missing) return k;
            var x = src[offset + k * stride];
            if (float.IsFinite(x)) { _values[i] = x; _state[i] = Observed; }
            else { _values[i] = float.NaN; _state[i] = SetEmpty; }
        }
        return -1;
    }

    /// <summary>Missing, Observed or SetEmpty at an absolute hour (Missing outside the touched range).</summary>
    public byte StateAt(int hour) => hour >= _start && hour < _start + _state.Length ? _state[hour - _start] : Missing;

    /// <summary>Number of observed hours, counted without building the dense arrays.</summary>
    public long ObservedCount()
    {
        long n = 0;
        foreach (var st in _state) if (st == Observed) n++;
        return n;
    }

    /// <summary>Observed hours and, of those, the ones with a QC flag, counted without building dense arrays.</summary>
    public (long Observed, long Flagged) CountObservedAndFlagged()
    {
        long observed = 0, flagged = 0;
        for (var k = 0; k < Length; k++)
        {
            if (_state[_lo + k - _start] != Observed) continue;
            observed++;
            if (k < Flags.Length && Quality.QcFlagBits.IsQualityFlagged(Flags[k])) flagged++;
        }
        return (observed, flagged);
    }

    public bool IsObserved(int hour) => hour >= _start && hour < _start + _state.Length && _state[hour - _start] == Observed;

    public float Get(int hour) => IsObserved(hour) ? _values[hour - _start] : float.NaN;

    /// <summary>Values for hours [FirstHour, LastHour]: NaN where missing, with the observation mask beside them.</summary>
    public (float[] Values, bool[] Mask) Dense()
    {
        var v = new float[Length];
        var m = new bool[Length];
        DenseInto(v, m);
        return (v, m);
    }

    /// <summary><see cref="Dense"/> into caller buffers of at least <see cref="Length"/> items (e.g. pooled ones).</summary>
    public void DenseInto(Span<float> values, Span<bool> mask)
    {
        var n = Length;
        if (values.Length < n || mask.Length < n)
            throw new ArgumentException($"buffers of {values.Length} and {mask.Length} items are shorter than the series' {n} hours");
        for (var k = 0; k < n; k++)
        {
            var i = _lo + k - _start;
            mask[k] = _state[i] == Observed;
            values[k] = mask[k] ? _values[i] : float.NaN;
        }
    }

    /// <summary>QC flags for hours [FirstHour, LastHour] (allocated on first call).</summary>
    public byte[] DenseFlags()
    {
        if (Flags.Length != Length) Flags = new byte[Length];
        return Flags;
    }

    private void Ensure(int hour)
    {
        if (_state.Length == 0)
        {
            _start = hour;
            var n = Math.Clamp(capacityHours, 64, 1 << 20);
            _values = new float[n];
            _state = new byte[n];
        }
        else if (hour < _start || hour >= _start + _state.Length)
        {
            var lo = Math.Min(hour, _start);
            var hi = Math.Max(hour, _start + _state.Length - 1);
            var cap = Math.Max(hi - lo + 1, _state.Length * 2);
            var newStart = hour < _start ? hi - cap + 1 : lo;
            var v = new float[cap];
            var s = new byte[cap];
            Array.Copy(_values, 0, v, _start - newStart, _values.Length);
            Array.Copy(_state, 0, s, _start - newStart, _state.Length);
            _values = v; _state = s; _start = newStart;
        }
        if (hour < _lo) _lo = hour;
        if (hour > _hi) _hi = hour;
    }
}
